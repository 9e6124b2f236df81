import TalintCore

#if canImport(Glibc)
  import Glibc
#endif

/// Where tests find the package, its fixtures, the built binary and the shared reference
/// material, without Foundation.
public enum Paths {
  /// The package root, from this source file's location.
  public static let packageRoot: String = {
    var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Sources/TalintTestSupport/Paths.swift
    return parts.joined(separator: "/")
  }()

  public static var fixtures: String { packageRoot + "/Fixtures" }

  /// `../shared` beside the checkout, when present.
  public static var shared: String? {
    let path = packageRoot + "/../shared"
    return isDirectory(path) ? path : nil
  }

  /// The binary hostile-input and timing tests run: `TALINT_BINARY` when set (`.ci/run` points
  /// it at the release build, which the time limits are for), else the debug `binary`.
  public static var measuredBinary: (path: String, isRelease: Bool) {
    if let path = getenv("TALINT_BINARY").map({ String(cString: $0) }), isExecutable(path) { return (path, true) }
    return (binary, false)
  }

  /// The `talint` binary built next to the running test bundle.
  public static var binary: String {
    var parts = CommandLine.arguments[0].split(separator: "/", omittingEmptySubsequences: false)
    while let last = parts.last, !last.isEmpty {
      parts.removeLast()
      let candidate = parts.joined(separator: "/") + "/talint"
      if isExecutable(candidate) { return candidate }
      if parts.count <= 1 { break }
    }
    return packageRoot + "/.build/debug/talint"
  }

  public static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  public static func isFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
  }

  static func isExecutable(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
  }

  /// Every regular file below `directory` whose name ends with one of `suffixes`, sorted.
  public static func files(in directory: String, suffixes: [String]) -> [String] {
    InputCollector().collect([directory]).inputs.compactMap { input -> String? in
      guard case .path(let path) = input.source else { return nil }
      return suffixes.contains(where: path.hasSuffix) ? path : nil
    }
  }

  /// Every entry (files only, not recursing) of a directory, sorted.
  public static func entries(of directory: String) -> [String] {
    guard let handle = opendir(directory) else { return [] }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
      if name != "." && name != ".." { names.append(directory + "/" + name) }
    }
    return names.sorted()
  }

  public static func read(_ path: String) -> [UInt8] {
    (try? InputFile.path(path).read()) ?? []
  }
}
