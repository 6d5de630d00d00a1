// SQLite's C API, from the system (Debian: libsqlite3-dev). Only PrismCore/Database includes it.
#include <sqlite3.h>
