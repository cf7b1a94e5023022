#ifndef SCHOOLGATE_CNCURSESW_SHIM_H
#define SCHOOLGATE_CNCURSESW_SHIM_H
// The only door to the system's ncursesw. Macros become static inline functions
// so that Swift can call them. Only `CursesTerminal` (Sources/SchoolGateTUI) uses this.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// ---- globals that are macros or mutable C variables --------------------------------
static inline WINDOW *sg_stdscr(void) { return stdscr; }
static inline WINDOW *sg_curscr(void) { return curscr; }
static inline int sg_colors(void) { return COLORS; }
static inline int sg_color_pairs(void) { return COLOR_PAIRS; }

// ---- window geometry ----------------------------------------------------------------
static inline int sg_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int sg_getmaxx(WINDOW *w) { return getmaxx(w); }

// ---- attributes -----------------------------------------------------------------------
static inline attr_t sg_a_normal(void) { return A_NORMAL; }
static inline attr_t sg_a_bold(void) { return A_BOLD; }
static inline attr_t sg_a_dim(void) { return A_DIM; }
static inline attr_t sg_a_reverse(void) { return A_REVERSE; }
static inline attr_t sg_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sg_a_standout(void) { return A_STANDOUT; }
static inline attr_t sg_a_blink(void) { return A_BLINK; }
static inline attr_t sg_a_italic(void) { return A_ITALIC; }
static inline attr_t sg_a_color(void) { return A_COLOR; }
static inline int sg_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int sg_pair_number(attr_t a) { return (int)PAIR_NUMBER(a); }
static inline int sg_wattr_on(WINDOW *w, attr_t a) { return wattr_on(w, a, NULL); }
static inline int sg_wattr_off(WINDOW *w, attr_t a) { return wattr_off(w, a, NULL); }

// ---- keys -----------------------------------------------------------------------------
static inline int sg_key_f(int n) { return KEY_F(n); }
enum {
    SG_KEY_DOWN = KEY_DOWN, SG_KEY_UP = KEY_UP, SG_KEY_LEFT = KEY_LEFT, SG_KEY_RIGHT = KEY_RIGHT,
    SG_KEY_HOME = KEY_HOME, SG_KEY_END = KEY_END, SG_KEY_NPAGE = KEY_NPAGE, SG_KEY_PPAGE = KEY_PPAGE,
    SG_KEY_BACKSPACE = KEY_BACKSPACE, SG_KEY_DC = KEY_DC, SG_KEY_IC = KEY_IC, SG_KEY_ENTER = KEY_ENTER,
    SG_KEY_BTAB = KEY_BTAB, SG_KEY_RESIZE = KEY_RESIZE, SG_KEY_F0 = KEY_F0, SG_KEY_MAX = KEY_MAX,
    SG_KEY_CODE_YES = KEY_CODE_YES
};

// ---- text -----------------------------------------------------------------------------
static inline int sg_mvwaddnwstr(WINDOW *w, int y, int x, const wchar_t *s, int n) {
    return mvwaddnwstr(w, y, x, s, n);
}
/// The C library's idea of the columns a wide character takes (-1: not printable).
static inline int sg_wcwidth(wchar_t c) { return wcwidth(c); }
/// 1 when the current LC_CTYPE encodes text as UTF-8.
static inline int sg_codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

#endif
