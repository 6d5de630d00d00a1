#ifndef PRISM_CTERMSUPPORT_H
#define PRISM_CTERMSUPPORT_H

// Signal handling and terminal restore for the curses backend.
//
// Signal handlers may only do async-signal-safe work, which is awkward to
// express in Swift, so the snapshot of the terminal modes, the bytes that undo
// our screen modes, and every handler live here in C.

#include <stddef.h>

/// Creates a non-blocking, close-on-exec eventfd; returns -1 on failure.
/// Names the calling thread for the kernel (top, ps, perf); at most 15 bytes are kept.
void prism_name_current_thread(const char *name);

int prism_eventfd_create(void);
/// Makes the eventfd readable (async-signal-safe, any thread).
void prism_eventfd_signal(int fd);
/// Reads the eventfd's counter back to zero.
void prism_eventfd_drain(int fd);

/// Saves the terminal modes of `tty_fd` (call before curses changes them); returns 0 on success.
int prism_term_save_modes(int tty_fd);
/// Sets the bytes written to the terminal when it must be restored from a signal (copied, at most 1 KiB).
void prism_term_set_restore_bytes(const char *bytes, size_t length);
/// Whether a signal should restore the terminal (false while the program has handed it back, e.g. to $EDITOR).
void prism_term_set_active(int active);

/// Installs the handlers: SIGWINCH (chained after the current one, and writes `event_fd`);
/// SIGTERM, SIGHUP, SIGINT, SIGUSR1, SIGUSR2 and SIGALRM ask the app to save and quit
/// (`prism_term_take_termination`, and `event_fd` is written), and if the app has not
/// ended 5 seconds later, or the signal comes again, the terminal is restored and the
/// process dies by the first signal; SIGQUIT and the crash signals restore the terminal,
/// then go to the previous handler; SIGPIPE is ignored. Returns 0 on success.
int prism_term_install_handlers(int event_fd);

/// The signal that asked the app to end since the last call, or 0 (any thread).
int prism_term_take_termination(void);

/// Restores the terminal and dies by `sig` with its default action (after the app saved).
void prism_term_die_by(int sig);
/// Puts back every handler that `prism_term_install_handlers` replaced.
void prism_term_uninstall_handlers(void);

/// Writes the restore bytes and resets the saved terminal modes (async-signal-safe).
void prism_term_restore(void);

/// Stops the process as Ctrl-Z would (SIGTSTP with the default action), returning once continued.
///
/// When the process group is orphaned the kernel discards SIGTSTP, so this returns at once
/// instead of stopping a process nobody could continue.
void prism_term_stop_self(void);

/// Reads the terminal's size with TIOCGWINSZ (ioctl is variadic, so Swift cannot call it); 0 on success.
int prism_term_window_size(int tty_fd, int *rows, int *cols);

/// How a program run by `prism_run_in_foreground` ended.
typedef struct {
    /// 0, or the errno that kept the program from starting (fork, or exec of `path`).
    int start_error;
    /// Its exit status when it exited, else -1.
    int exit_status;
    /// The signal that killed it, else 0.
    int signal;
    /// How often it stopped (Ctrl-Z inside it) and was continued.
    int stops;
} prism_child_result;

/// Runs `path` with `argv` (NULL-terminated) and the process environment as the terminal's
/// foreground job, and waits for it to end. Call between leaving curses and taking the
/// terminal back; `tty_fd` becomes the program's stdin, stdout and stderr (-1 keeps ours).
///
/// When `tty_fd` is our controlling terminal and we are its foreground job, the program
/// gets a process group of its own, made the terminal's foreground group (by the child
/// before it execs and by us, with SIGTTOU and SIGTTIN blocked), so it reads keys, gets
/// Ctrl-C and Ctrl-Z itself, and is never stopped for touching the terminal; afterwards the
/// terminal's foreground group is ours again. If it stops (Ctrl-Z inside it), we take the
/// terminal, stop ourselves as the shell's job would (at once continued when nobody could
/// continue us), then give the terminal back and continue its group; stopped by SIGTTIN or
/// SIGTTOU it is given the terminal and continued. A termination signal
/// that reaches us meanwhile is passed on to it. Without job control it runs in our group.
/// The child starts with every signal at its default action and none blocked.
/// Returns 0 when it ran (see `result`), -1 when it could not start.
int prism_run_in_foreground(int tty_fd, const char *path, char *const argv[], prism_child_result *result);

#endif
