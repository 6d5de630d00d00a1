#ifndef PRISM_CNCURSESW_SHIM_H
#define PRISM_CNCURSESW_SHIM_H

// Wide-character curses: these must be defined before the header is included.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <stdio.h>
#include <ncursesw/curses.h>

// Swift's Glibc module hides wcwidth (it needs _XOPEN_SOURCE); declare it again.
extern int wcwidth(wchar_t c);
static inline int prism_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// Swift 6 cannot read these C globals safely, and macros do not import: accessors.
static inline WINDOW *prism_stdscr(void) { return stdscr; }
static inline WINDOW *prism_curscr(void) { return curscr; }
static inline int prism_lines(void) { return LINES; }
static inline int prism_cols(void) { return COLS; }
static inline int prism_colors(void) { return COLORS; }
static inline int prism_color_pairs(void) { return COLOR_PAIRS; }

// Attribute macros.
static inline attr_t prism_a_normal(void) { return A_NORMAL; }
static inline attr_t prism_a_bold(void) { return A_BOLD; }
static inline attr_t prism_a_dim(void) { return A_DIM; }
static inline attr_t prism_a_italic(void) { return A_ITALIC; }
static inline attr_t prism_a_underline(void) { return A_UNDERLINE; }
static inline attr_t prism_a_reverse(void) { return A_REVERSE; }

// Key macros.
static inline int prism_key_f(int n) { return KEY_F(n); }

// Mouse masks for buttons 1-5 (4 and 5 are the wheel).
static inline mmask_t prism_button_pressed(int button) {
    switch (button) {
    case 1: return BUTTON1_PRESSED;
    case 2: return BUTTON2_PRESSED;
    case 3: return BUTTON3_PRESSED;
    case 4: return BUTTON4_PRESSED;
    case 5: return BUTTON5_PRESSED;
    default: return 0;
    }
}
static inline mmask_t prism_button_released(int button) {
    switch (button) {
    case 1: return BUTTON1_RELEASED;
    case 2: return BUTTON2_RELEASED;
    case 3: return BUTTON3_RELEASED;
    case 4: return BUTTON4_RELEASED;
    case 5: return BUTTON5_RELEASED;
    default: return 0;
    }
}

// mvwadd_wch is a macro (wmove + wadd_wch).
static inline int prism_mvwadd_wch(WINDOW *win, int y, int x, const cchar_t *wch) {
    return mvwadd_wch(win, y, x, wch);
}

// setcchar with an extended (int) colour pair: ncurses >= 6.1 reads it from `opts`.
static inline int prism_setcchar(cchar_t *wcval, const wchar_t *wch, attr_t attrs, int pair) {
    return setcchar(wcval, wch, attrs, 0, &pair);
}

#endif
