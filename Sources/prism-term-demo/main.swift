// A manual test of the curses backend. Run it in a terminal (or tmux) and press keys;
// Ctrl-Q quits. A background task ticks a counter through `TerminalWaker`, which shows
// that the event loop wakes on the eventfd without any polling timer.
import PrismCurses
import PrismTerminal
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

let ticks = Atomic<Int>(0)

let backend: CursesBackend
do {
    backend = try CursesBackend()
    try backend.start()
} catch {
    print("prism-term-demo: \(error)")
    exit(1)
}

let waker = backend.waker
Task.detached {
    while true {
        try? await Task.sleep(for: .milliseconds(500))
        ticks.add(1, ordering: .relaxed)
        waker.wake()
    }
}

var screen = DemoScreen()
var running = true
while running {
    screen.ticks = ticks.load(ordering: .relaxed)
    backend.draw(screen.render(size: backend.size, colorSupport: backend.colorSupport))
    for event in backend.readEvents(timeout: nil) {
        screen.record(event)
        switch event {
        case .key(.ctrl("q")):
            running = false
        case .key(.ctrl("z")):
            backend.suspendToShell()
        case .key(.ctrl("y")):
            backend.copyToClipboard(screen.typed)
            screen.note = "copied \(screen.typed.count) characters"
        case .key(Key(.backspace)):
            if !screen.typed.isEmpty { screen.typed.removeLast() }
        case .key(let key):
            if case .character(let c) = key.code, key.modifiers.isEmpty { screen.typed.append(c) }
        case .paste(let text):
            screen.typed += String(text.map { $0 == "\n" ? "⏎" : $0 })
        default:
            break
        }
    }
}
backend.shutdown()
print("prism-term-demo: bye (\(ticks.load(ordering: .relaxed)) ticks)")
