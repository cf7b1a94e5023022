#ifndef SCHOOLGATE_CNCURSESW_SHIM_H
#define SCHOOLGATE_CNCURSESW_SHIM_H
// The only door to the system's ncursesw. Macros become static inline functions
// so that Swift can call them.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

#endif
