import Foundation
import TalintTestSupport

/// Throwaway files and folders for tests that need a repository or an output file of their own.
///
/// Everything goes under one folder per test process, removed when the process exits, so
/// repeated `swift test` and `.ci/run` runs do not leave thousands of folders in /tmp.
enum ScratchTree {
  /// `talint-tests-PID` in the temporary folder, made on first use.
  static let scratch: String = {
    let path = NSTemporaryDirectory() + "talint-tests-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: ScratchTree.scratch) }
    return path
  }()

  /// A path in the scratch folder no other call returns; nothing is created there.
  static func path(_ suffix: String = "") -> String {
    scratch + "/" + UUID().uuidString + suffix
  }

  /// A fresh folder holding `files` (relative path → content; a path ending in `/` is a
  /// folder); `gitInit` makes `repo/` a git work tree.
  static func make(_ files: [String: String], gitInit: Bool = false) throws -> String {
    let root = path()
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
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
