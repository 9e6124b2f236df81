#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// gitignore-style globs for `exclude`: `*` and `?` within a path segment, `**` for any
/// number of segments; a pattern without `/` matches a file or folder name at any depth.
public enum Glob {
  public static func matches(_ pattern: String, _ relativePath: String) -> Bool {
    let path = relativePath.split(separator: "/").map(String.init)
    var segments = pattern.split(separator: "/").map(String.init)
    if !pattern.contains("/") { segments = ["**"] + segments + ["**"] }
    else if pattern.hasSuffix("/") { segments.append("**") }
    return match(segments[...], path[...])
  }

  private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
    guard let first = pattern.first else { return path.isEmpty }
    if first == "**" {
      var rest = path
      while true {
        if match(pattern.dropFirst(), rest) { return true }
        guard !rest.isEmpty else { return false }
        rest = rest.dropFirst()
      }
    }
    guard let name = path.first, fnmatch(first, name, 0) == 0 else { return false }
    return match(pattern.dropFirst(), path.dropFirst())
  }
}
