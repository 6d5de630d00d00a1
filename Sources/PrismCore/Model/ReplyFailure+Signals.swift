import Foundation

extension ReplyFailure {
    /// A reply stopped because Prism was told to end (SIGTERM, SIGHUP, a closed terminal):
    /// kept like a cancel, and said as an interruption, "interrupted: Prism received SIGTERM".
    public static func interrupted(bySignal signal: Int32) -> ReplyFailure {
        ReplyFailure(kind: .cancelled, message: interruptedPrefix + signalName(signal))
    }

    /// What the signal interrupted, when this failure is such an interruption.
    public var interruptingSignal: String? {
        guard kind == .cancelled, message.hasPrefix(Self.interruptedPrefix) else { return nil }
        return String(message.dropFirst(Self.interruptedPrefix.count))
    }

    static let interruptedPrefix = "interrupted: Prism received "

    /// "SIGTERM" for 15, and so on for the signals Prism handles; "signal N" otherwise.
    public static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGUSR1: "SIGUSR1",
                                      SIGUSR2: "SIGUSR2", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM"]
        return names[signal] ?? "signal \(signal)"
    }
}
