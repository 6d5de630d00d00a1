import Foundation
import PrismCore

/// Effects of the routing overlays: default fallback chains, a model's providers, and the
/// routing saved per model. Files on the save queue; providers through the endpoint cache.
extension LiveEffects {
    func handleRouting(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        switch effect {
        case .saveFallbackDefault(let model, let chain):
            guard let store = fallbacks else { return }
            saveQueue.async {
                do {
                    try store.save(chain, for: model)
                } catch {
                    post(.warned("could not save the default chain: \(error)"))
                }
            }
        case .loadProviders(let model, let refresh):
            guard let cache = endpoints else {
                post(.providersFailed(model: model, reason: "providers are not available here"))
                return
            }
            let client = self.client
            Task {
                do {
                    let asked = Date()
                    let found = try await cache.endpoints(model: model, client: client, refresh: refresh)
                    // An older copy answered: the cache's lifetime is over, or a refetch asked for failed.
                    post(.providersLoaded(found, stale: cache.isStale(found) || refresh && found.fetchedAt < asked))
                } catch {
                    post(.providersFailed(model: model, reason: "\(error)"))
                }
            }
        case .saveRouting(let model, let preferences):
            guard let routing = savedRouting else {
                post(.failed(.routing(model: model, reason: "routing is not kept here")))
                return
            }
            saveQueue.async {
                do {
                    try routing.save(preferences, for: model)
                    post(.routingSaved(model: model, preferences: preferences))
                } catch {
                    post(.failed(.routing(model: model, reason: "\(error)")))
                }
            }
        case .loadRouting:
            guard let savedRouting else { return }
            // On the save queue, so a choice saved there just before is read back.
            saveQueue.async {
                let loaded = savedRouting.loadAll()
                post(.routingLoaded(loaded.models))
                if let warning = loaded.warning { post(.warned(warning)) }
            }
        default:
            break
        }
    }
}
