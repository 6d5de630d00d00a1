// Generated from themes/*.toml by Tests/PrismUITests/ThemeEmbeddingTests.swift; do not edit.
// Regenerate with: PRISM_RECORD_GOLDENS=1 swift test --filter ThemeEmbedding

/// The theme files in `themes/`, compiled in so an installed binary needs no data files.
///
/// Generated, and checked by a test that fails when this copy and `themes/*.toml` differ.
enum ShippedThemes {
    static let files: [String: String] = [
        "dark": #"""
# Prism's default theme: soft colours on a dark grey, after the Atom One Dark palette.
# The format is described in docs/themes.md.
name = "Dark"
description = "Soft colours on dark grey (the default)"

[palette]
bg = "#282c34"
surface = "#21252b"
raised = "#2f343e"
line = "#4b5263"
selection = "#3e4451"
fg = "#abb2bf"
bright = "#e6e9ef"
muted = "#848b98"
red = "#e06c75"
orange = "#d19a66"
yellow = "#e5c07b"
green = "#98c379"
cyan = "#56b6c2"
blue = "#61afef"
purple = "#c678dd"

[tokens]
background = { fg = "fg", bg = "bg" }
surface = { fg = "fg", bg = "surface" }
border = "line"
border_focused = { fg = "blue", bold = true }
text = "fg"
text_muted = "muted"
accent = "blue"
selection = { fg = "bright", bg = "selection" }
user = { fg = "green", bold = true }
assistant = { fg = "blue", bold = true }
reasoning = { fg = "muted", italic = true }
system = { fg = "purple", italic = true }
code = { fg = "cyan", bg = "raised" }
code_background = { fg = "fg", bg = "raised" }
code_keyword = "purple"
code_string = "green"
code_comment = { fg = "muted", italic = true }
code_number = "orange"
code_type = "yellow"
heading = { fg = "purple", bold = true }
link = { fg = "blue", underline = true }
quote = { fg = "muted", italic = true }
list_marker = "orange"
emphasis = { fg = "fg", italic = true }
strong = { fg = "bright", bold = true }
error = { fg = "red", bold = true }
warning = "orange"
success = "green"
cost = "yellow"
tokens = "muted"
spinner = "cyan"
status_bar = { fg = "fg", bg = "surface" }
status_bar_text = { fg = "bright", bg = "surface" }
badge = { fg = "bg", bg = "blue", bold = true }
demo = { fg = "bg", bg = "orange", bold = true }

# On 8 and 16 colours the greys above collapse into black; say what to use instead.
[tokens_ansi]
background = { fg = "white", bg = "black" }
surface = { fg = "white", bg = "black" }
text = "white"
text_muted = "bright_black"
selection = { fg = "black", bg = "white" }
code_background = { fg = "white", bg = "black" }
code = "cyan"
strong = { fg = "bright_white", bold = true }
status_bar = { fg = "black", bg = "white" }
status_bar_text = { fg = "black", bg = "white", bold = true }
badge = { fg = "black", bg = "cyan", bold = true }
demo = { fg = "black", bg = "yellow", bold = true }

"""#,
        "gruvbox": #"""
# Pavel Pertsev's gruvbox, dark variant: warm, retro, easy on the eyes.
# The format is described in docs/themes.md.
name = "Gruvbox"
description = "Warm retro colours on dark brown-grey"

[palette]
bg = "#282828"
bg1 = "#3c3836"
bg2 = "#504945"
bg3 = "#665c54"
fg = "#ebdbb2"
fg0 = "#fbf1c7"
fg4 = "#a89984"
gray = "#928374"
red = "#fb4934"
green = "#b8bb26"
yellow = "#fabd2f"
blue = "#83a598"
purple = "#d3869b"
aqua = "#8ec07c"
orange = "#fe8019"

[tokens]
background = { fg = "fg", bg = "bg" }
surface = { fg = "fg", bg = "bg1" }
border = "bg3"
border_focused = { fg = "yellow", bold = true }
text = "fg"
text_muted = "fg4"
accent = "yellow"
selection = { fg = "fg0", bg = "bg2" }
user = { fg = "green", bold = true }
assistant = { fg = "blue", bold = true }
reasoning = { fg = "gray", italic = true }
system = { fg = "purple", italic = true }
code = { fg = "aqua", bg = "bg1" }
code_background = { fg = "fg", bg = "bg1" }
code_keyword = "red"
code_string = "green"
code_comment = { fg = "gray", italic = true }
code_number = "purple"
code_type = "yellow"
heading = { fg = "orange", bold = true }
link = { fg = "blue", underline = true }
quote = { fg = "fg4", italic = true }
list_marker = "orange"
emphasis = { fg = "fg", italic = true }
strong = { fg = "fg0", bold = true }
error = { fg = "red", bold = true }
warning = "orange"
success = "green"
cost = "yellow"
tokens = "fg4"
spinner = "aqua"
status_bar = { fg = "fg", bg = "bg2" }
status_bar_text = { fg = "fg0", bg = "bg2", bold = true }
badge = { fg = "bg", bg = "yellow", bold = true }
demo = { fg = "bg", bg = "orange", bold = true }

# gruvbox's blue and cream are greyish; name the ANSI colours they stand for.
[tokens_ansi]
background = { fg = "white", bg = "black" }
surface = { fg = "white", bg = "black" }
text = "white"
assistant = { fg = "blue", bold = true }
link = { fg = "blue", underline = true }
emphasis = { fg = "white", italic = true }
strong = { fg = "bright_white", bold = true }
code_background = { fg = "white", bg = "black" }
status_bar = { fg = "black", bg = "white" }
status_bar_text = { fg = "black", bg = "white", bold = true }

"""#,
        "high-contrast": #"""
# Pure black and white with bright, saturated colours, for low vision and bright rooms.
# The format is described in docs/themes.md.
name = "High contrast"
description = "White on black with bright colours and strong selection"

[palette]
bg = "#000000"
fg = "#ffffff"
muted = "#d0d0d0"
red = "#ff5f5f"
yellow = "#ffff00"
green = "#00ff5f"
cyan = "#00ffff"
blue = "#87afff"
magenta = "#ff87ff"
orange = "#ffaf00"

[tokens]
background = { fg = "fg", bg = "bg" }
surface = { fg = "fg", bg = "bg" }
border = "fg"
border_focused = { fg = "yellow", bold = true }
text = "fg"
text_muted = "muted"
accent = "cyan"
selection = { fg = "bg", bg = "yellow", bold = true }
user = { fg = "green", bold = true }
assistant = { fg = "cyan", bold = true }
reasoning = { fg = "muted", italic = true }
system = { fg = "magenta", italic = true }
code = "yellow"
code_background = { fg = "fg", bg = "bg" }
code_keyword = { fg = "magenta", bold = true }
code_string = "green"
code_comment = { fg = "muted", italic = true }
code_number = "orange"
code_type = "cyan"
heading = { fg = "fg", bold = true, underline = true }
link = { fg = "blue", underline = true }
quote = { fg = "muted", italic = true }
list_marker = { fg = "yellow", bold = true }
emphasis = { fg = "fg", italic = true }
strong = { fg = "fg", bold = true }
error = { fg = "red", bold = true }
warning = { fg = "orange", bold = true }
success = { fg = "green", bold = true }
cost = "orange"
tokens = "muted"
spinner = "yellow"
status_bar = { fg = "bg", bg = "fg" }
status_bar_text = { fg = "bg", bg = "fg", bold = true }
badge = { fg = "bg", bg = "cyan", bold = true }
demo = { fg = "bg", bg = "magenta", bold = true }

# Bright ANSI colours where the terminal has them (8-colour terminals use the normal ones).
[tokens_ansi]
background = { fg = "bright_white", bg = "black" }
surface = { fg = "bright_white", bg = "black" }
border = "bright_white"
text = "bright_white"
text_muted = "white"
selection = { fg = "black", bg = "bright_yellow", bold = true }
user = { fg = "bright_green", bold = true }
assistant = { fg = "bright_cyan", bold = true }
reasoning = { fg = "white", italic = true }
code = { fg = "bright_white", bg = "blue" }
code_background = { fg = "bright_white", bg = "black" }
code_comment = { fg = "white", italic = true }
code_number = "yellow"
cost = "yellow"
error = { fg = "bright_red", bold = true }
warning = { fg = "yellow", bold = true }
link = { fg = "bright_blue", underline = true }
emphasis = { fg = "bright_white", italic = true }
strong = { fg = "bright_white", bold = true }
status_bar = { fg = "black", bg = "bright_white" }
status_bar_text = { fg = "black", bg = "bright_white", bold = true }
badge = { fg = "black", bg = "bright_cyan", bold = true }
demo = { fg = "black", bg = "bright_magenta", bold = true }

"""#,
        "light": #"""
# Dark text on an almost white page, after the Atom One Light palette.
# The format is described in docs/themes.md.
name = "Light"
description = "Dark text on near-white, for light terminals"

[palette]
bg = "#fafafa"
surface = "#eaeaeb"
raised = "#f0f0f1"
line = "#a0a1a7"
selection = "#d3dcf5"
fg = "#383a42"
strong = "#101114"
muted = "#696c77"
red = "#c9283c"
orange = "#a85d00"
yellow = "#8a6b00"
green = "#3f7f3e"
cyan = "#0e7490"
blue = "#2f5fd0"
purple = "#a626a4"

[tokens]
background = { fg = "fg", bg = "bg" }
surface = { fg = "fg", bg = "surface" }
border = "line"
border_focused = { fg = "blue", bold = true }
text = "fg"
text_muted = "muted"
accent = "blue"
selection = { fg = "strong", bg = "selection" }
user = { fg = "green", bold = true }
assistant = { fg = "blue", bold = true }
reasoning = { fg = "muted", italic = true }
system = { fg = "purple", italic = true }
code = { fg = "cyan", bg = "raised" }
code_background = { fg = "fg", bg = "raised" }
code_keyword = "purple"
code_string = "blue"
code_comment = { fg = "muted", italic = true }
code_number = "orange"
code_type = "yellow"
heading = { fg = "purple", bold = true }
link = { fg = "blue", underline = true }
quote = { fg = "muted", italic = true }
list_marker = "orange"
emphasis = { fg = "fg", italic = true }
strong = { fg = "strong", bold = true }
error = { fg = "red", bold = true }
warning = "orange"
success = { fg = "blue", bold = true }
cost = "yellow"
tokens = "muted"
spinner = "cyan"
status_bar = { fg = "fg", bg = "surface" }
status_bar_text = { fg = "strong", bg = "surface" }
badge = { fg = "bg", bg = "blue", bold = true }
demo = { fg = "bg", bg = "orange", bold = true }

# Yellow, green and cyan are hard to read on white in many terminal palettes, so
# the fallbacks use black, red, blue and magenta, told apart by bold, dim and italic.
[tokens_ansi]
background = { fg = "black", bg = "white" }
surface = { fg = "black", bg = "white" }
text = "black"
text_muted = { fg = "black", dim = true }
selection = { fg = "white", bg = "blue" }
user = { fg = "magenta", bold = true }
assistant = { fg = "blue", bold = true }
reasoning = { fg = "black", dim = true, italic = true }
code = { fg = "white", bg = "black" }
code_background = { fg = "black", bg = "white" }
code_string = "blue"
code_comment = { fg = "black", dim = true, italic = true }
code_number = "red"
code_type = { fg = "blue", bold = true }
quote = { fg = "black", dim = true, italic = true }
list_marker = "red"
emphasis = { fg = "black", italic = true }
strong = { fg = "black", bold = true }
warning = { fg = "red", bold = true }
success = { fg = "blue", bold = true }
cost = "magenta"
tokens = { fg = "black", dim = true }
spinner = "blue"
status_bar = { fg = "white", bg = "black" }
status_bar_text = { fg = "white", bg = "black", bold = true }
badge = { fg = "white", bg = "blue", bold = true }
demo = { fg = "white", bg = "red", bold = true }

"""#,
        "nord": #"""
# Arctic Ice Studio's Nord: cool blue-greys with frosty accents.
# The format is described in docs/themes.md.
name = "Nord"
description = "Cool polar blues and frost"

[palette]
nord0 = "#2e3440"
nord1 = "#3b4252"
nord2 = "#434c5e"
nord3 = "#4c566a"
nord4 = "#d8dee9"
nord6 = "#eceff4"
muted = "#9aa3b5"
frost1 = "#8fbcbb"
frost2 = "#88c0d0"
frost3 = "#81a1c1"
frost4 = "#5e81ac"
red = "#bf616a"
orange = "#d08770"
yellow = "#ebcb8b"
green = "#a3be8c"
purple = "#b48ead"

[tokens]
background = { fg = "nord4", bg = "nord0" }
surface = { fg = "nord4", bg = "nord1" }
border = "nord3"
border_focused = { fg = "frost2", bold = true }
text = "nord4"
text_muted = "muted"
accent = "frost2"
selection = { fg = "nord6", bg = "nord2" }
user = { fg = "green", bold = true }
assistant = { fg = "frost2", bold = true }
reasoning = { fg = "muted", italic = true }
system = { fg = "purple", italic = true }
code = { fg = "frost1", bg = "nord1" }
code_background = { fg = "nord4", bg = "nord1" }
code_keyword = "frost3"
code_string = "green"
code_comment = { fg = "muted", italic = true }
code_number = "purple"
code_type = "frost1"
heading = { fg = "frost2", bold = true, underline = true }
link = { fg = "frost3", underline = true }
quote = { fg = "muted", italic = true }
list_marker = "frost3"
emphasis = { fg = "nord6", italic = true }
strong = { fg = "nord6", bold = true }
error = { fg = "red", bold = true }
warning = "orange"
success = "green"
cost = "yellow"
tokens = "muted"
spinner = "frost2"
status_bar = { fg = "nord4", bg = "nord3" }
status_bar_text = { fg = "nord6", bg = "nord3", bold = true }
badge = { fg = "nord0", bg = "frost2", bold = true }
demo = { fg = "nord0", bg = "orange", bold = true }

[tokens_ansi]
background = { fg = "white", bg = "black" }
surface = { fg = "white", bg = "black" }
text = "white"
text_muted = "bright_black"
code_background = { fg = "white", bg = "black" }
code = "cyan"
emphasis = { fg = "bright_white", italic = true }
strong = { fg = "bright_white", bold = true }
status_bar = { fg = "black", bg = "white" }
status_bar_text = { fg = "black", bg = "white", bold = true }

"""#,
        "solarized-dark": #"""
# Ethan Schoonover's Solarized, dark variant: low-contrast base tones, precise accents.
# The format is described in docs/themes.md.
name = "Solarized Dark"
description = "Solarized base tones on deep blue-green"

[palette]
base03 = "#002b36"
base02 = "#073642"
base01 = "#586e75"
base00 = "#657b83"
base0 = "#839496"
base1 = "#93a1a1"
base2 = "#eee8d5"
yellow = "#b58900"
orange = "#cb4b16"
red = "#dc322f"
magenta = "#d33682"
violet = "#6c71c4"
blue = "#268bd2"
cyan = "#2aa198"
green = "#859900"

[tokens]
background = { fg = "base0", bg = "base03" }
surface = { fg = "base0", bg = "base02" }
border = "base01"
border_focused = { fg = "blue", bold = true }
text = "base0"
text_muted = "base00"
accent = "blue"
selection = { fg = "base2", bg = "base02", bold = true }
user = { fg = "green", bold = true }
assistant = { fg = "blue", bold = true }
reasoning = { fg = "base00", italic = true }
system = { fg = "violet", italic = true }
code = { fg = "cyan", bg = "base02" }
code_background = { fg = "base0", bg = "base02" }
code_keyword = "green"
code_string = "cyan"
code_comment = { fg = "base00", italic = true }
code_number = "yellow"
code_type = "blue"
heading = { fg = "orange", bold = true }
link = { fg = "blue", underline = true }
quote = { fg = "base00", italic = true }
list_marker = "yellow"
emphasis = { fg = "base1", italic = true }
strong = { fg = "base1", bold = true }
error = { fg = "red", bold = true }
warning = "orange"
success = "green"
cost = "yellow"
tokens = "base00"
spinner = "magenta"
status_bar = { fg = "base1", bg = "base02" }
status_bar_text = { fg = "base1", bg = "base02", bold = true }
badge = { fg = "base03", bg = "blue", bold = true }
demo = { fg = "base03", bg = "yellow", bold = true }

[tokens_ansi]
background = { fg = "white", bg = "black" }
surface = { fg = "white", bg = "black" }
text = "white"
text_muted = "bright_black"
code_background = { fg = "white", bg = "black" }
code = "cyan"
status_bar = { fg = "black", bg = "white" }
status_bar_text = { fg = "black", bg = "white", bold = true }
heading = { fg = "red", bold = true }
warning = { fg = "yellow", bold = true }

"""#,
    ]
}
