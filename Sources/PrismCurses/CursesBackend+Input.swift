#if canImport(Glibc)
import Glibc
#endif
import CNcursesw
import CTermSupport
import PrismTerminal

extension CursesBackend {
    /// Waits for input, a wake-up or a resize, then returns every event available now.
    ///
    /// Sleeps in `poll` on the terminal and the eventfd (no timer runs while idle), then
    /// drains curses with `wget_wch` in no-delay mode until it has nothing more.
    public func readEvents(timeout: Double?) -> [InputEvent] {
        guard let device, screen != nil, !isSuspended, !isShutDown else { return takePending() }
        let waitMilliseconds: Int32 = pendingEvents.isEmpty ? Self.milliseconds(timeout) : 0
        var fds = [
            pollfd(fd: device.inputFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeSignal.fd, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&fds, nfds_t(fds.count), waitMilliseconds)
        if ready > 0, fds[1].revents != 0 { prism_eventfd_drain(wakeSignal.fd) }
        var events = takePending()
        events += drainInput()
        let signal = prism_term_take_termination()
        if signal != 0 { events.append(.terminate(signal: signal)) }
        return events
    }

    private func drainInput() -> [InputEvent] {
        var events: [InputEvent] = []
        let window = prism_stdscr()
        while true {
            if decoder.isInPaste, let device {
                events += readPaste(from: device.inputFD)
                // The rest of a long paste has not arrived yet: wait for it in `poll`.
                if decoder.isInPaste { break }
                continue
            }
            var code: wint_t = 0
            let result = wget_wch(window, &code)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                let key = Int32(bitPattern: code)
                switch key {
                case KEY_RESIZE:
                    needsFullRedraw = true
                    events += decoder.feed(.resize(size))
                case KEY_MOUSE:
                    var report = MEVENT()
                    if getmouse(&report) == OK,
                       let mouse = MouseDecoding.event(state: report.bstate, x: Int(report.x), y: Int(report.y)) {
                        events += decoder.feed(.mouse(mouse))
                    }
                default:
                    events += decoder.feed(.keyCode(key))
                }
            } else {
                events += decoder.feed(.character(UInt32(code)))
            }
        }
        events += decoder.endOfInput()
        return events
    }

    /// Reads an open bracketed paste straight from the terminal in large pieces, past curses
    /// (which hands input over a character at a time). Curses has nothing buffered at this
    /// point: it gave us the whole start marker, and nothing after it has been read. Input
    /// that follows the end marker in the same read goes back to curses.
    private func readPaste(from fd: Int32) -> [InputEvent] {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while decoder.isInPaste {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 0) > 0 else { return [] }
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return [] }
            let (events, rest) = decoder.feedPaste(bytes: Array(buffer[0..<n]))
            for byte in rest.reversed() { ungetch(Int32(byte)) }
            if !events.isEmpty { return events }
        }
        return []
    }

    private func takePending() -> [InputEvent] {
        let events = pendingEvents
        pendingEvents.removeAll()
        return events
    }

    private static func milliseconds(_ timeout: Double?) -> Int32 {
        guard let timeout else { return -1 }
        let ms = (max(0, timeout) * 1000).rounded(.up)
        return ms >= Double(Int32.max) ? Int32.max : Int32(ms)
    }
}
