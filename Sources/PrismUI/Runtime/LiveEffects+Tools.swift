import Foundation
import PrismCore

/// The tasks of running tool calls, so Esc can cancel a round's calls (the host's `call`
/// honours task cancellation).
final class ToolTasks: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [ToolRunID: Task<Void, Never>] = [:]

    func add(_ id: ToolRunID, _ task: Task<Void, Never>) { lock.withLock { tasks[id] = task } }
    func remove(_ id: ToolRunID) { lock.withLock { _ = tasks.removeValue(forKey: id) } }

    /// Cancels (and forgets) every task of this request's round.
    func cancel(requestID: Int) {
        let stopping = lock.withLock { () -> [Task<Void, Never>] in
            let ids = tasks.keys.filter { $0.requestID == requestID }
            return ids.compactMap { tasks.removeValue(forKey: $0) }
        }
        stopping.forEach { $0.cancel() }
    }
}

extension LiveEffects {
    /// Tool servers and tool calls, each answered as an action from its own task.
    func handleTools(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        let host = toolHost
        switch effect {
        case .listToolServers:
            Task { post(.toolServersLoaded(await host.servers())) }
        case .startToolServers(let names):
            for name in names { Task { post(.toolServersLoaded([await host.start(server: name)])) } }
        case .restartToolServer(let name):
            Task { post(.toolServersLoaded([await host.restart(server: name)])) }
        case .runTool(let run):
            let tasks = toolTasks
            let logger = self.logger
            // A call that ends before it is registered leaves a finished task behind: cancelling it does nothing.
            let task = Task {
                let started = DispatchTime.now().uptimeNanoseconds
                let output: ToolOutput
                do {
                    output = try await host.call(server: run.server, tool: run.tool, arguments: run.arguments)
                } catch is CancellationError {
                    tasks.remove(run.id)
                    return
                } catch {
                    logger.info("tool \(run.server)/\(run.tool) failed: \(error)")
                    output = ToolOutput(text: "The tool failed: \(error)", isError: true)
                }
                tasks.remove(run.id)
                guard !Task.isCancelled else { return }
                post(.toolFinished(run.id, output, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9))
            }
            tasks.add(run.id, task)
        case .cancelTools(let requestID):
            toolTasks.cancel(requestID: requestID)
        default:
            break
        }
    }

    /// Stops every tool server on quit, waiting a few seconds at most (quit comes from the UI
    /// thread, never from a task, so the wait holds no task thread the stop needs).
    func stopToolServers() {
        let host = toolHost
        if host is NoToolHost { return }
        let done = DispatchSemaphore(value: 0)
        Task {
            await host.stopAll()
            done.signal()
        }
        _ = done.wait(timeout: .now() + 3)
    }
}
