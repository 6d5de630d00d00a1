#define _GNU_SOURCE
#include "CTermSupport.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

extern char **environ;

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

// ---- threads -------------------------------------------------------------

void prism_name_current_thread(const char *name) {
    char shortened[16];
    strncpy(shortened, name, sizeof shortened - 1);
    shortened[sizeof shortened - 1] = 0;
    pthread_setname_np(pthread_self(), shortened);
}

// ---- eventfd -------------------------------------------------------------

int prism_eventfd_create(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

void prism_eventfd_signal(int fd) {
    if (fd < 0) return;
    int saved = errno;
    uint64_t one = 1;
    ssize_t n = write(fd, &one, sizeof one);
    (void)n;
    errno = saved;
}

void prism_eventfd_drain(int fd) {
    if (fd < 0) return;
    uint64_t value;
    ssize_t n = read(fd, &value, sizeof value);
    (void)n;
}

// ---- terminal snapshot ---------------------------------------------------

static struct termios saved_modes;
static volatile sig_atomic_t have_saved_modes = 0;
static volatile sig_atomic_t tty_fd_for_restore = -1;
static volatile sig_atomic_t restore_active = 0;
static char restore_bytes[1024];
static volatile sig_atomic_t restore_length = 0;

int prism_term_save_modes(int tty_fd) {
    if (tcgetattr(tty_fd, &saved_modes) != 0) return -1;
    tty_fd_for_restore = tty_fd;
    have_saved_modes = 1;
    return 0;
}

void prism_term_set_restore_bytes(const char *bytes, size_t length) {
    if (length > sizeof restore_bytes) length = sizeof restore_bytes;
    restore_length = 0;
    memcpy(restore_bytes, bytes, length);
    restore_length = (sig_atomic_t)length;
}

void prism_term_set_active(int active) {
    restore_active = active ? 1 : 0;
}

void prism_term_restore(void) {
    if (!restore_active) return;
    restore_active = 0;
    int saved = errno;
    int fd = tty_fd_for_restore;
    if (fd >= 0) {
        size_t done = 0, total = (size_t)restore_length;
        while (done < total) {
            ssize_t n = write(fd, restore_bytes + done, total - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            done += (size_t)n;
        }
        if (have_saved_modes) tcsetattr(fd, TCSANOW, &saved_modes);
    }
    errno = saved;
}

// ---- handlers ------------------------------------------------------------

static volatile sig_atomic_t wake_fd = -1;
static volatile sig_atomic_t installed = 0;

static const int fatal_signals[] = { SIGTERM, SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGALRM };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP, SIGQUIT };
#define FATAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])
#define CRASH_COUNT (sizeof crash_signals / sizeof crash_signals[0])

static struct sigaction previous_winch;
static struct sigaction previous_pipe;
/// The first signal that asked us to end (0: none yet), and whether the app has taken it.
static volatile sig_atomic_t termination_signal = 0;
static volatile sig_atomic_t termination_taken = 0;
/// Seconds the app gets to save and quit before a termination signal kills it anyway.
#define TERMINATION_GRACE 5
static struct sigaction previous_fatal[FATAL_COUNT];
static struct sigaction previous_crash[CRASH_COUNT];

static void on_winch(int sig, siginfo_t *info, void *context) {
    // ncurses' own handler records the resize so that get_wch returns KEY_RESIZE.
    if (previous_winch.sa_flags & SA_SIGINFO) {
        if (previous_winch.sa_sigaction) previous_winch.sa_sigaction(sig, info, context);
    } else if (previous_winch.sa_handler != SIG_DFL && previous_winch.sa_handler != SIG_IGN) {
        previous_winch.sa_handler(sig);
    }
    prism_eventfd_signal(wake_fd);
}

void prism_term_die_by(int sig) {
    prism_term_restore();
    // Die by the signal, so the parent sees how we ended.
    signal(sig, SIG_DFL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, sig);
    pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
    raise(sig);
}

/// The editor's process group (negative) or pid while `prism_run_in_foreground` waits for it, else 0.
static volatile sig_atomic_t foreground_child = 0;

/// Passes a request to end on to the program that has the terminal (async-signal-safe):
/// it would otherwise outlive us in a group nobody waits for.
static void forward_termination(int sig) {
    pid_t target = (pid_t)foreground_child;
    if (target != 0) kill(target, sig == SIGHUP ? SIGHUP : SIGTERM);
}

static void on_fatal(int sig) {
    if (termination_signal == 0) {
        forward_termination(sig);
        // First request: let the app save what it has and quit by itself, with a deadline.
        termination_signal = sig;
        alarm(TERMINATION_GRACE);
        prism_eventfd_signal(wake_fd);
        return;
    }
    // Asked again, or the deadline passed: end now; the reply journals hold the text.
    prism_term_die_by(termination_signal);
}

int prism_term_take_termination(void) {
    if (termination_signal == 0 || termination_taken) return 0;
    termination_taken = 1;
    return termination_signal;
}

static void on_crash(int sig) {
    prism_term_restore();
    // Hand the signal to whoever had it before (Swift's backtracer, or the default action):
    // it is blocked while we run, so the raise is delivered as soon as we return.
    for (size_t i = 0; i < CRASH_COUNT; i++) {
        if (crash_signals[i] == sig) sigaction(sig, &previous_crash[i], NULL);
    }
    raise(sig);
}

int prism_term_install_handlers(int event_fd) {
    if (installed) return 0;
    wake_fd = event_fd;

    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART | SA_SIGINFO;
    action.sa_sigaction = on_winch;
    if (sigaction(SIGWINCH, &action, &previous_winch) != 0) return -1;

    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_fatal;
    for (size_t i = 0; i < FATAL_COUNT; i++) {
        sigaction(fatal_signals[i], &action, &previous_fatal[i]);
    }
    action.sa_handler = on_crash;
    for (size_t i = 0; i < CRASH_COUNT; i++) {
        sigaction(crash_signals[i], &action, &previous_crash[i]);
    }
    // A reader that went away must not kill us: writes fail with EPIPE instead.
    action.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &action, &previous_pipe);
    installed = 1;
    return 0;
}

void prism_term_uninstall_handlers(void) {
    if (!installed) return;
    sigaction(SIGWINCH, &previous_winch, NULL);
    for (size_t i = 0; i < FATAL_COUNT; i++) sigaction(fatal_signals[i], &previous_fatal[i], NULL);
    for (size_t i = 0; i < CRASH_COUNT; i++) sigaction(crash_signals[i], &previous_crash[i], NULL);
    sigaction(SIGPIPE, &previous_pipe, NULL);
    installed = 0;
    wake_fd = -1;
}

void prism_term_stop_self(void) {
    struct sigaction dfl, old;
    memset(&dfl, 0, sizeof dfl);
    sigemptyset(&dfl.sa_mask);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &dfl, &old);

    sigset_t unblock, previous_mask;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &unblock, &previous_mask);
    raise(SIGTSTP);
    pthread_sigmask(SIG_SETMASK, &previous_mask, NULL);

    sigaction(SIGTSTP, &old, NULL);
}

int prism_term_window_size(int tty_fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(tty_fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

// ---- a program in the foreground (the editor) -----------------------------

/// The child's side, between fork and exec: only async-signal-safe calls.
static void become_foreground_child(int tty_fd, int job_control, const char *path, char *const argv[], int report_fd) {
    if (job_control) {
        setpgid(0, 0);
        // Our own group is in the background until the terminal is ours; SIGTTOU is still
        // blocked (inherited), so this cannot stop us.
        tcsetpgrp(tty_fd, getpid());
    }
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    sigemptyset(&dfl.sa_mask);
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        sigaction(sig, &dfl, NULL);  // fails harmlessly for the signals glibc keeps to itself
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (tty_fd >= 0) {
        dup2(tty_fd, STDIN_FILENO);
        dup2(tty_fd, STDOUT_FILENO);
        dup2(tty_fd, STDERR_FILENO);
    }
#ifdef SYS_close_range
    // Nothing of ours beyond 0-2 (sockets, pipes, files opened without O_CLOEXEC) reaches
    // the editor, or whatever it leaves running. Close-on-exec rather than closed, so
    // `report_fd` still works if the exec fails; kernels before 5.11 say ENOSYS or EINVAL
    // and the editor inherits what it would have anyway.
    syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
#endif
    execve(path, argv, environ);
    int error = errno;
    ssize_t n = write(report_fd, &error, sizeof error);
    (void)n;
    _exit(127);
}

int prism_run_in_foreground(int tty_fd, const char *path, char *const argv[], prism_child_result *result) {
    memset(result, 0, sizeof *result);
    result->exit_status = -1;

    // Changing the foreground group from a background group sends SIGTTOU unless the
    // caller blocks it: block it (and SIGTTIN) in this thread for the whole hand-over.
    sigset_t quiet, previous_mask;
    sigemptyset(&quiet);
    sigaddset(&quiet, SIGTTOU);
    sigaddset(&quiet, SIGTTIN);
    pthread_sigmask(SIG_BLOCK, &quiet, &previous_mask);

    pid_t own_group = getpgrp();
    int job_control = tty_fd >= 0 && tcgetpgrp(tty_fd) == own_group;

    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        result->start_error = errno;
        pthread_sigmask(SIG_SETMASK, &previous_mask, NULL);
        return -1;
    }
    // No handler of ours may run in the child before it has reset them all: every signal
    // stays blocked across the fork (the child unblocks them once they are at default).
    sigset_t all, during_handover;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &during_handover);
    pid_t pid = fork();
    if (pid == 0) become_foreground_child(tty_fd, job_control, path, argv, report[1]);
    int fork_error = errno;
    pthread_sigmask(SIG_SETMASK, &during_handover, NULL);
    close(report[1]);
    if (pid < 0) {
        close(report[0]);
        result->start_error = fork_error;
        pthread_sigmask(SIG_SETMASK, &previous_mask, NULL);
        return -1;
    }
    // The pipe closes when the exec succeeds, or carries the errno when it failed.
    int exec_error = 0;
    ssize_t got;
    do {
        got = read(report[0], &exec_error, sizeof exec_error);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof exec_error) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        if (job_control) tcsetpgrp(tty_fd, own_group);
        result->start_error = exec_error;
        pthread_sigmask(SIG_SETMASK, &previous_mask, NULL);
        return -1;
    }
    // The child did both already; doing them here too is what shells do, and harmless.
    if (job_control) {
        setpgid(pid, pid);
        tcsetpgrp(tty_fd, pid);
    }
    pid_t target = job_control ? -pid : pid;
    // Asked to end while it runs (the handler may run on any thread, so it forwards the
    // request itself): it is asked too, and the app quits once it is gone.
    foreground_child = target;
    if (termination_signal != 0) forward_termination(termination_signal);
    for (;;) {
        int status = 0;
        pid_t waited = waitpid(pid, &status, WUNTRACED);
        if (waited < 0) {
            if (errno == EINTR) continue;
            result->start_error = errno;
            break;
        }
        if (WIFSTOPPED(status)) {
            result->stops += 1;
            int stop = WSTOPSIG(status);
            if (job_control && (stop == SIGTSTP || stop == SIGSTOP)) {
                // Ctrl-Z inside it (or a stop sent to it): stop as its parent job, and when
                // `fg` continues us, give it the terminal again and continue it.
                tcsetpgrp(tty_fd, own_group);
                prism_term_stop_self();
            }
            // Stopped for touching the terminal (SIGTTIN, SIGTTOU) it simply gets it again.
            if (job_control) tcsetpgrp(tty_fd, pid);
            kill(target, SIGCONT);
            continue;
        }
        if (WIFEXITED(status)) {
            result->exit_status = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
            result->signal = WTERMSIG(status);
        }
        break;
    }
    foreground_child = 0;
    if (job_control) tcsetpgrp(tty_fd, own_group);
    pthread_sigmask(SIG_SETMASK, &previous_mask, NULL);
    return result->start_error == 0 ? 0 : -1;
}
