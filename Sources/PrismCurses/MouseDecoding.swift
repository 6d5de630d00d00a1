import CNcursesw
import PrismTerminal

/// Turns a curses mouse report (button state bits and a cell) into a `MouseEvent`.
///
/// The masks are curses macros (wrapped in the shim); reading them does not need a
/// running curses screen, so this stays testable. Buttons 4 and 5 are the wheel.
enum MouseDecoding {
    /// The event for a report, or nil for reports we do not use (clicks are off: `mouseinterval(0)`).
    static func event(state: mmask_t, x: Int, y: Int) -> MouseEvent? {
        let position = Point(x: x, y: y)
        if state & prism_button_pressed(4) != 0 { return MouseEvent(kind: .wheelUp, position: position) }
        if state & prism_button_pressed(5) != 0 { return MouseEvent(kind: .wheelDown, position: position) }
        for button in 1...3 where state & prism_button_pressed(Int32(button)) != 0 {
            return MouseEvent(kind: .press(button: button), position: position)
        }
        for button in 1...3 where state & prism_button_released(Int32(button)) != 0 {
            return MouseEvent(kind: .release, position: position)
        }
        return nil
    }

    /// What the backend asks curses to report: presses and releases of buttons 1–3, and the wheel.
    static var reportedEvents: mmask_t {
        var mask: mmask_t = 0
        for button in 1...3 { mask |= prism_button_pressed(Int32(button)) | prism_button_released(Int32(button)) }
        mask |= prism_button_pressed(4) | prism_button_pressed(5)
        return mask
    }
}
