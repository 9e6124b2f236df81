import Foundation
import TalintTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What `--fix` and `--diff` must not do to a tree a stranger controls: write a file that is
/// not UTF-8, write through a symlink, replace a read-only or hard-linked file, change an
/// owner, lose an edit made during the run, or say "fixed" when the write failed.
@Suite struct FixSafetyTests {
  static let secret = "z01mye6j16bspJYtTB/5SFX8j7Ahe/mWx0lA8F2/pQE="
  /// Two fixable findings (TAL201, TAL101) and a secret that has no fix.
  static let weakened = FixCLITests.weakened + "cluster:\n  secretboxEncryptionSecret: \(secret)\n"
  static let fixed = FixCLITests.fixed + "cluster:\n  secretboxEncryptionSecret: \(secret)\n"

  func talint(_ arguments: [String], in directory: String) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, directory: directory)
  }

  func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

  func status(_ path: String) -> stat {
    var info = stat()
    lstat(path, &info)
    return info
  }

  func leftovers(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".talint-fix") }
  }

  @Test(arguments: [true, false]) func utf16WithoutBOMIsNeitherFixedNorDiffed(littleEndian: Bool) throws {
    var utf16: [UInt8] = []
    for unit in Self.weakened.utf16 { utf16 += littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
    let folder = try ScratchTree.make([:])
    try Data(utf16).write(to: URL(fileURLWithPath: folder + "/node.yaml"))
    // It is linted as UTF-16, so its findings are there to fix.
    let linted = try talint(["lint", "node.yaml"], in: folder)
    #expect(linted.stdout.contains("[TAL201]") && linted.stdout.contains("[TAL101]"), "\(linted.stdout)")

    let diff = try talint(["lint", "--diff", "node.yaml"], in: folder)
    #expect(diff.stdout.isEmpty, "\(diff.stdout)")
    for output in [diff.stdout, diff.stderr] {
      #expect(!output.filter { $0 != "\0" }.contains(Self.secret))
    }
    #expect(diff.stderr.contains("node.yaml: not fixed: not UTF-8 (UTF-16); only UTF-8 files are fixed"), "\(diff.stderr)")

    let fix = try talint(["lint", "--fix", "node.yaml"], in: folder)
    #expect(try bytes(folder + "/node.yaml") == utf16)
    #expect(fix.stderr.contains("node.yaml: not fixed: not UTF-8 (UTF-16); only UTF-8 files are fixed"), "\(fix.stderr)")
    #expect(fix.stderr.contains("talint: fixed 0 findings in 0 files"))
  }

  @Test func aSymlinkIsNeverWrittenThrough() throws {
    let folder = try ScratchTree.make(["tree/kept.yaml": Self.weakened, "outside/node.yaml": Self.weakened])
    symlink(folder + "/outside/node.yaml", folder + "/tree/link.yaml")
    // A walk does not follow a link out of the folder at all; a link named is linted, not fixed.
    let walked = try talint(["lint", "--fix", "tree"], in: folder)
    #expect(walked.stderr.contains("tree/link.yaml leads outside the folder of tree through a symbolic link: not read"), "\(walked.stderr)")
    let named = try talint(["lint", "--fix", "tree/link.yaml"], in: folder)
    #expect(named.status == 2, "\(named.stderr)")
    #expect(named.stderr.contains("tree/link.yaml: not fixed: tree/link.yaml is a symbolic link; talint writes through none (name the link's target to fix it)"), "\(named.stderr)")
    #expect(try String(contentsOfFile: folder + "/outside/node.yaml", encoding: .utf8) == Self.weakened)
    #expect(status(folder + "/tree/link.yaml").st_mode & S_IFMT == S_IFLNK)
    #expect(try String(contentsOfFile: folder + "/tree/kept.yaml", encoding: .utf8) == Self.fixed)
    // A folder CI names that a pull request made a link to another place.
    symlink(folder + "/outside", folder + "/talos")
    let linkedFolder = try talint(["lint", "--fix", "talos"], in: folder)
    #expect(linkedFolder.status == 2)
    #expect(linkedFolder.stderr.contains("talos/node.yaml: not fixed: talos is a symbolic link; talint writes through none"), "\(linkedFolder.stderr)")
    #expect(try String(contentsOfFile: folder + "/outside/node.yaml", encoding: .utf8) == Self.weakened)
    // The target, named itself, is fixed.
    let target = try talint(["lint", "--fix", "outside/node.yaml"], in: folder)
    #expect(target.stderr.contains("talint: fixed 2 findings in 1 file"), "\(target.stderr)")
    #expect(try String(contentsOfFile: folder + "/outside/node.yaml", encoding: .utf8) == Self.fixed)
  }

  @Test func aReadOnlyFileIsRefused() throws {
    let folder = try ScratchTree.make(["node.yaml": Self.weakened])
    chmod(folder + "/node.yaml", 0o444)
    let before = status(folder + "/node.yaml")
    let output = try talint(["lint", "--fix", "node.yaml"], in: folder)
    #expect(output.status == 2)
    #expect(output.stderr.contains("node.yaml: not fixed: read-only (mode 0444); make it writable to fix it"), "\(output.stderr)")
    #expect(output.stderr.contains("talint: fixed 0 findings in 0 files"))
    let after = status(folder + "/node.yaml")
    #expect(after.st_ino == before.st_ino && after.st_mode == before.st_mode)
    #expect(try String(contentsOfFile: folder + "/node.yaml", encoding: .utf8) == Self.weakened)
  }

  @Test func aHardLinkedFileIsRefused() throws {
    let folder = try ScratchTree.make(["tree/node.yaml": Self.weakened, "outside/": ""])
    link(folder + "/tree/node.yaml", folder + "/outside/same.yaml")
    let output = try talint(["lint", "--fix", "tree"], in: folder)
    #expect(output.status == 2)
    #expect(output.stderr.contains("tree/node.yaml: not fixed: 2 hard links name this file"), "\(output.stderr)")
    let inside = status(folder + "/tree/node.yaml")
    #expect(inside.st_nlink == 2 && inside.st_ino == status(folder + "/outside/same.yaml").st_ino)
    #expect(try String(contentsOfFile: folder + "/outside/same.yaml", encoding: .utf8) == Self.weakened)
  }

  /// Only root can give a file to another owner to set this up.
  @Test(.enabled(if: getuid() == 0)) func ownerGroupAndModeAreKept() throws {
    let folder = try ScratchTree.make(["node.yaml": Self.weakened])
    chown(folder + "/node.yaml", 4242, 4343)
    chmod(folder + "/node.yaml", 0o620)
    let output = try talint(["lint", "--fix", "node.yaml"], in: folder)
    #expect(output.stderr.contains("talint: fixed 2 findings in 1 file"), "\(output.stderr)")
    #expect(try String(contentsOfFile: folder + "/node.yaml", encoding: .utf8) == Self.fixed)
    let after = status(folder + "/node.yaml")
    #expect(after.st_uid == 4242 && after.st_gid == 4343 && after.st_mode & 0o7777 == 0o620)
  }

  @Test func anEditMadeDuringTheRunIsNotLost() throws {
    // Large enough that fixing takes far longer than the edit below, which is made as soon as
    // talint has closed the file it read.
    let padding = (0..<3000).map { "    net.custom.k\($0): \"1\"\n" }.joined()
    let text = Self.weakened.replacing("  sysctls:\n", with: "  sysctls:\n" + padding)
    let folder = try ScratchTree.make(["node.yaml": text])
    let path = folder + "/node.yaml"
    let watch = inotify_init1(Int32(IN_CLOEXEC))
    #expect(inotify_add_watch(watch, path, UInt32(IN_CLOSE_NOWRITE)) >= 0)
    defer { close(watch) }
    // On a thread of its own: this one waits for talint to read the file, then edits it.
    nonisolated(unsafe) var run: Result<ProcessOutput, any Error>?
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      run = Result { try Subprocess.run(Paths.binary, ["lint", "--fix", "node.yaml"], directory: folder) }
      done.signal()
    }
    var ready = pollfd(fd: watch, events: Int16(POLLIN), revents: 0)
    try #require(poll(&ready, 1, 60_000) == 1, "talint never read the file")
    let edit = "# edited while talint ran\n"
    let handle = try #require(FileHandle(forUpdatingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(edit.utf8))
    try handle.close()
    done.wait()
    let output = try #require(run).get()
    #expect(output.status == 2)
    #expect(output.stderr.contains("node.yaml: not fixed: it changed after talint read it; run talint again"), "\(output.stderr)")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == text + edit)
    #expect(try leftovers(folder).isEmpty)
  }

  @Test func aFailedWriteIsExit2AndNotCountedAsFixed() throws {
    // A file size limit of 512 bytes makes writing the fixed copy fail (EFBIG, with SIGXFSZ
    // ignored so the write returns instead of killing the process).
    let text = Self.weakened + String(repeating: "# padding\n", count: 100)
    let folder = try ScratchTree.make(["node.yaml": text])
    let output = try Subprocess.run(
      "/bin/sh", ["-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" lint --fix node.yaml", Paths.binary], directory: folder)
    #expect(output.status == 2)
    #expect(output.stderr.contains("node.yaml: not fixed: cannot write node.yaml: File too large"), "\(output.stderr)")
    #expect(output.stderr.contains("talint: fixed 0 findings in 0 files"), "\(output.stderr)")
    #expect(try String(contentsOfFile: folder + "/node.yaml", encoding: .utf8) == text)
    #expect(try leftovers(folder).isEmpty)
  }
}
