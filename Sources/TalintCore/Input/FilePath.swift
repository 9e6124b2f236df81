#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

import TalintYAML

/// Path arithmetic on strings, without touching the file system beyond `stat` and `getcwd`:
/// talint names files as the user gave them and converts only where a stored path must not
/// depend on the working directory (baselines, configuration globs, SARIF URIs).
public enum FilePath {
  /// `path` made absolute against the working directory, with `.` and `..` resolved.
  public static func absolute(_ path: String) -> String {
    var path = path
    let isAbsolute = path.utf8.first == UInt8(ascii: "/")
    // The working directory is normal already (getcwd): only the path's own steps can need
    // work, and most have none (this runs for every file and machine finding).
    let clean = !path.withUTF8 { needsNormalizing(isAbsolute ? UnsafeBufferPointer(rebasing: $0.dropFirst()) : $0) }
    var full = isAbsolute ? path : inWorkingDirectory(path)
    // Joined to the root directory, a relative path starts with `//`: that one is made normal.
    if clean && (isAbsolute || workingDirectory.utf8.count > 1) { return full }
    return full.withUTF8 { bytes in
      // One pass over the bytes: each step appended, `..` dropping the last (this runs per
      // finding, and `talint .` names every file `./…`).
      let slash = UInt8(ascii: "/")
      let dot = UInt8(ascii: ".")
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var steps: [Int] = []
      var index = 0
      while index < bytes.count {
        while index < bytes.count && bytes[index] == slash { index += 1 }
        var end = index
        while end < bytes.count && bytes[end] != slash { end += 1 }
        let length = end - index
        if length == 0 || (length == 1 && bytes[index] == dot) {
          // an empty or `.` step: nothing
        } else if length == 2 && bytes[index] == dot && bytes[index + 1] == dot {
          if let last = steps.popLast() { out.removeSubrange(last...) }
        } else {
          steps.append(out.count)
          out.append(slash)
          out.append(contentsOf: bytes[index..<end])
        }
        index = end
      }
      return out.isEmpty ? "/" : String(decoding: out, as: UTF8.self)
    }
  }

  /// `workingDirectory + "/" + path`, written into one allocation: the two concatenations
  /// made an intermediate string each time, for every file and machine finding of a run.
  private static func inWorkingDirectory(_ path: String) -> String {
    var directory = workingDirectory
    var path = path
    return directory.withUTF8 { head in
      path.withUTF8 { tail in
        let count = head.count + 1 + tail.count
        return String(unsafeUninitializedCapacity: count) { buffer in
          _ = buffer.initialize(fromContentsOf: head)
          buffer[head.count] = UInt8(ascii: "/")
          _ = buffer[(head.count + 1)...].initialize(fromContentsOf: tail)
          return count
        }
      }
    }
  }

  /// True when the steps of a path (after its leading slash) hold a `.` or `..` step, an empty
  /// step or a trailing slash: most paths have none, and are returned as they are.
  private static func needsNormalizing(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var previous = UInt8(ascii: "/")
    var dots = 0
    for byte in bytes {
      if byte == UInt8(ascii: "/") {
        if previous == UInt8(ascii: "/") || dots > 0 { return true }
      }
      dots = byte == UInt8(ascii: ".") && (previous == UInt8(ascii: "/") || dots > 0) ? dots + 1 : 0
      previous = byte
    }
    return previous == UInt8(ascii: "/") || dots > 0
  }

  /// The working directory, read once: talint never changes it during a run.
  static let workingDirectory: String = {
    guard let path = getcwd(nil, 0) else { return "" }
    defer { free(path) }
    return String(cString: path)
  }()

  /// `path` relative to the folder `base` (both made absolute first), with `..` steps when it
  /// lies outside: `relative("/r/talos/a.yaml", to: "/r/ci")` is `../talos/a.yaml`.
  public static func relative(_ path: String, to base: String) -> String {
    // Both absolute paths are normal (no empty, `.` or `..` step): steps are compared as bytes
    // (paths are byte strings to the file system) and the answer is written once — this runs
    // for every patch path a project configuration names.
    var target = absolute(path)
    var from = absolute(base)
    return target.withUTF8 { target in
      from.withUTF8 { from in
        let slash = UInt8(ascii: "/")
        let targetSteps = steps(target)
        let fromSteps = steps(from)
        var common = 0
        while common < targetSteps.count && common < fromSteps.count
          && target[targetSteps[common]].elementsEqual(from[fromSteps[common]])
        {
          common += 1
        }
        var out: [UInt8] = []
        for _ in common..<fromSteps.count {
          if !out.isEmpty { out.append(slash) }
          out += [UInt8(ascii: "."), UInt8(ascii: ".")]
        }
        for step in targetSteps[common...] {
          if !out.isEmpty { out.append(slash) }
          out += target[step]
        }
        return out.isEmpty ? "." : String(decoding: out, as: UTF8.self)
      }
    }
  }

  /// The byte ranges of a normal absolute path's steps.
  private static func steps(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var steps: [Range<Int>] = []
    var start = 1
    while start < bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != UInt8(ascii: "/") { end += 1 }
      steps.append(start..<end)
      start = end + 1
    }
    return steps
  }

  /// A path as the user would write it: relative to the working directory when it lies below
  /// it, else absolute.
  public static func display(_ path: String) -> String {
    // A relative path with nothing to normalize already is what `relative(path, to: ".")`
    // would make of it.
    var path = path
    if path.utf8.first.map({ $0 != UInt8(ascii: "/") }) ?? false, !path.withUTF8(needsNormalizing) { return path }
    // Otherwise: the normal absolute path, less the working directory when it lies below it.
    let full = absolute(path)
    let here = workingDirectory.utf8
    if here.count <= 1 { return full == "/" ? "." : String(full.dropFirst()) }
    guard full.utf8.starts(with: here) else { return full }
    let rest = full.utf8.dropFirst(here.count)
    if rest.isEmpty { return "." }
    return rest.first == UInt8(ascii: "/") ? String(Substring(rest.dropFirst())) : full
  }

  /// The folder holding `path` (`.` for a bare name).
  public static func parent(_ path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// `name` resolved against `folder` unless it is absolute, `.` and `..` steps taken where
  /// they can be (`talos/./patches/a.yaml` is `talos/patches/a.yaml`).
  public static func join(_ folder: String, _ name: String) -> String {
    if name.hasPrefix("/") { return name }
    let full = folder == "." ? name : folder + "/" + name
    // A non-ASCII byte could join a `/` into a larger Character: such paths go step by step
    // as Characters, the rest as bytes (this runs for every patch a carrier names).
    guard full.isASCII else { return joinedByCharacters(full) }
    let bytes = Array(full.utf8)
    let slash = UInt8(ascii: "/")
    let dot = UInt8(ascii: ".")
    var parts: [Range<Int>] = []
    var start = 0
    while start <= bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != slash { end += 1 }
      let part = start..<end
      let isDotDot = part.count == 2 && bytes[start] == dot && bytes[start + 1] == dot
      if part.count == 1 && bytes[start] == dot || part.isEmpty && !parts.isEmpty {
        // `.` or an empty step: nothing
      } else if isDotDot, let last = parts.last, !last.isEmpty, !(last.count == 2 && bytes[last.lowerBound] == dot && bytes[last.lowerBound + 1] == dot) {
        parts.removeLast()
      } else {
        parts.append(part)
      }
      start = end + 1
    }
    var joined: [UInt8] = []
    joined.reserveCapacity(bytes.count)
    for (index, part) in parts.enumerated() {
      if index > 0 { joined.append(slash) }
      joined += bytes[part]
    }
    return joined.isEmpty ? "." : String(decoding: joined, as: UTF8.self)
  }

  /// `join`'s steps taken on Characters.
  private static func joinedByCharacters(_ full: String) -> String {
    var parts: [Substring] = []
    for part in full.split(separator: "/", omittingEmptySubsequences: false) {
      switch part {
      case ".": continue
      case "" where !parts.isEmpty: continue
      case "..": if let last = parts.last, last != "..", last != "" { parts.removeLast() } else { parts.append(part) }
      default: parts.append(part)
      }
    }
    let joined = parts.joined(separator: "/")
    return joined.isEmpty ? "." : joined
  }

  public static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  public static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }
}
