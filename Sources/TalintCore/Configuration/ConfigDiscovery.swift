#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds the `.talint.yaml` that applies to a path: the nearest one walking up from the
/// path's folder, stopping at the repository root (the folder that holds `.git`).
public final class ConfigDiscovery {
  public static let fileName = ".talint.yaml"
  private var cache: [String: String?] = [:]

  public init() {}

  /// The config file for `path` (a file or a folder), or nil when none applies.
  public func configPath(for path: String) -> String? {
    var directory = Self.absolute(Self.isDirectory(path) ? path : Self.parent(path))
    var visited: [String] = []
    var found: String?
    while true {
      if let cached = cache[directory] {
        found = cached
        break
      }
      visited.append(directory)
      let candidate = directory == "/" ? "/" + Self.fileName : directory + "/" + Self.fileName
      if Self.exists(candidate) {
        found = candidate
        break
      }
      if Self.exists(directory + "/.git") || directory == "/" { break }
      directory = Self.parent(directory)
    }
    for folder in visited { cache[folder] = found }
    return found
  }

  /// The repository root above `path` (the folder holding `.git`), if any.
  public static func repositoryRoot(of path: String) -> String? {
    var directory = absolute(isDirectory(path) ? path : parent(path))
    while true {
      if exists(directory + "/.git") { return directory }
      if directory == "/" { return nil }
      directory = parent(directory)
    }
  }

  static func parent(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  public static func absolute(_ path: String) -> String {
    var parts: [Substring] = []
    let base: String
    if path.hasPrefix("/") {
      base = ""
    } else {
      var buffer = [CChar](repeating: 0, count: 4096)
      base = getcwd(&buffer, buffer.count) != nil ? String(cString: buffer) : ""
    }
    for part in (base + "/" + path).split(separator: "/") {
      switch part {
      case ".": continue
      case "..": _ = parts.popLast()
      default: parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }
}
