/// The theme files of the top-level `themes/` folder, compiled in so an installed binary
/// needs no data files.
///
/// SwiftPM embeds the bytes: `Sources/PrismUI/Theme/themes` is a symlink to `themes/`, and
/// Package.swift declares it `.embedInCode`, which generates one `PackageResources.<file>`
/// array per file (`high-contrast.toml` becomes `high_contrast_toml`). SwiftPM generates no
/// list of them, so this table names each one: a theme added to `themes/` needs a line here,
/// and a test fails until it has one.
enum ShippedThemes {
    /// Each theme's file, by theme name (its file name without `.toml`), as embedded.
    static let bytes: [String: [UInt8]] = [
        "dark": PackageResources.dark_toml,
        "gruvbox": PackageResources.gruvbox_toml,
        "high-contrast": PackageResources.high_contrast_toml,
        "light": PackageResources.light_toml,
        "nord": PackageResources.nord_toml,
        "solarized-dark": PackageResources.solarized_dark_toml,
    ]

    /// Each theme's text, by theme name.
    static let files: [String: String] = bytes.mapValues { String(decoding: $0, as: UTF8.self) }
}
