import Foundation
import Testing
@testable import PrismTerminal

@Suite("HeadlessBackend", .timeLimit(.minutes(1)))
struct HeadlessBackendTests {
    @Test func returnsQueuedEventsInOrderAndEmptiesTheQueue() {
        let backend = HeadlessBackend(size: Size(width: 80, height: 24))
        backend.enqueue([.key(.char("a")), .key(.ctrl("q"))])
        backend.enqueue(.paste("hi"))
        #expect(backend.readEvents(timeout: 0) == [.key(.char("a")), .key(.ctrl("q")), .paste("hi")])
        #expect(backend.readEvents(timeout: 0) == [])
        #expect(backend.pendingEvents.isEmpty)
    }

    @Test func timesOutWhenNothingHappens() {
        let backend = HeadlessBackend(size: Size(width: 10, height: 5))
        let start = Date()
        #expect(backend.readEvents(timeout: 0.05) == [])
        #expect(Date().timeIntervalSince(start) >= 0.04)
    }

    @Test func wakeFromAnotherThreadEndsAWait() {
        let backend = HeadlessBackend(size: Size(width: 10, height: 5))
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.05)
            backend.wake()
        }
        let start = Date()
        #expect(backend.readEvents(timeout: nil) == [])
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test func enqueueFromAnotherThreadEndsAWait() {
        let backend = HeadlessBackend(size: Size(width: 10, height: 5))
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.05)
            backend.enqueue(.key(Key(.enter)))
        }
        #expect(backend.readEvents(timeout: 30) == [.key(Key(.enter))])
    }

    @Test func aWakeBeforeTheReadIsNotLost() {
        let backend = HeadlessBackend(size: Size(width: 10, height: 5))
        backend.wake()
        let start = Date()
        #expect(backend.readEvents(timeout: 30) == [])
        #expect(Date().timeIntervalSince(start) < 5)
        // …and it is used up by that read.
        #expect(backend.readEvents(timeout: 0.01) == [])
    }

    @Test func resizeChangesTheSizeAndQueuesAnEvent() {
        let backend = HeadlessBackend(size: Size(width: 10, height: 5))
        backend.resize(to: Size(width: 40, height: 12))
        #expect(backend.size == Size(width: 40, height: 12))
        #expect(backend.readEvents(timeout: 0) == [.resize(Size(width: 40, height: 12))])
    }

    @Test func drawKeepsTheFrameAndCountsChangedCells() {
        let backend = HeadlessBackend(size: Size(width: 10, height: 2), colorSupport: .ansi16)
        #expect(backend.colorSupport == .ansi16)
        #expect(backend.lastFrame == nil)
        var frame = Frame(size: backend.size)
        frame.put("hello", at: Point(x: 0, y: 0), style: .plain)
        backend.draw(frame)
        #expect(backend.drawCount == 1)
        #expect(backend.lastChangedCells == 20)
        frame.put("J", at: Point(x: 0, y: 0), style: .plain)
        frame.put("世", at: Point(x: 3, y: 1), style: .plain)
        backend.draw(frame)
        #expect(backend.lastFrame?.text() == "Jello\n   世")
        #expect(backend.lastChangedCells == 3)
        backend.draw(frame)
        #expect(backend.lastChangedCells == 0)
        #expect(backend.drawCount == 3)
        #expect(backend.totalChangedCells == 23)
    }

    @Test func clipboardSuspendAndShutdown() {
        let backend = HeadlessBackend(size: Size(width: 10, height: 2))
        backend.copyToClipboard("one")
        backend.copyToClipboard("two")
        #expect(backend.clipboard == ["one", "two"])
        backend.suspend()
        #expect(backend.isSuspended && backend.suspendCount == 1)
        backend.resume()
        #expect(!backend.isSuspended && backend.resumeCount == 1)
        #expect(!backend.isShutDown)
        backend.shutdown()
        backend.shutdown()
        #expect(backend.isShutDown)
    }

    @Test func usableThroughTheProtocol() {
        let backend: any TerminalBackend = HeadlessBackend(size: Size(width: 3, height: 1))
        backend.draw(Frame(size: backend.size))
        #expect((backend as? HeadlessBackend)?.drawCount == 1)
    }
}
