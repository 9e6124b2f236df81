import Foundation
import TalintTestSupport

/// Throwaway folders under /tmp for tests that need a repository of their own.
enum Workspace {
  /// A fresh folder holding `files` (relative path → content; a path ending in `/` is a
  /// folder); `gitInit` makes `repo/` a git work tree.
  static func make(_ files: [String: String], gitInit: Bool = false) throws -> String {
    let root = NSTemporaryDirectory() + "talint-\(UUID().uuidString)"
    for (path, content) in files {
      let full = root + "/" + path
      try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      if path.hasSuffix("/") {
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
      } else {
        try content.write(toFile: full, atomically: true, encoding: .utf8)
      }
    }
    if gitInit, let git = Subprocess.which("git") {
      _ = try Subprocess.run(git, ["init", "-q", root + "/repo"])
    }
    return root
  }
}
