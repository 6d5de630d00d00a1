import PrismTerminal

/// One thing curses handed over, before it is translated into an `InputEvent`.
///
/// The backend turns each `wget_wch`/`getmouse` result into one of these and feeds it to
/// `InputDecoder`; keeping curses out of the decoder lets the escape, Alt and paste
/// handling be tested with plain values.
enum RawInput: Hashable, Sendable {
    /// A character: `wget_wch` returned `OK` with this code point (control characters included).
    case character(UInt32)
    /// A function key: `wget_wch` returned `KEY_CODE_YES` with this code (not mouse or resize).
    case keyCode(Int32)
    /// A mouse report, already read with `getmouse`.
    case mouse(MouseEvent)
    /// `KEY_RESIZE`, with the size curses now reports.
    case resize(Size)
}
