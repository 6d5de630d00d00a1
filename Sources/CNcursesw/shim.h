#ifndef PRISM_CNCURSESW_SHIM_H
#define PRISM_CNCURSESW_SHIM_H

// Wide-character curses: these must be defined before the header is included.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

// Swift 6 cannot read these C globals safely, and macros do not import: accessors.
static inline WINDOW *prism_stdscr(void) { return stdscr; }
static inline int prism_lines(void) { return LINES; }
static inline int prism_cols(void) { return COLS; }
static inline int prism_colors(void) { return COLORS; }
static inline int prism_color_pairs(void) { return COLOR_PAIRS; }

#endif
