#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder a linted file's references must stay inside (issue 19: a pull request from a
/// stranger may name `/proc/self/environ`, `../../etc/passwd` or a symbolic link out of its
/// tree, and talint reads none of them). A file's root is its git work tree (a folder holding
/// `.git`, found without running git); else the folder of the `.talint.yaml` that applies;
/// else the folder linted that holds it; else its own folder. Every file another file names —
/// a talconfig's `@file`, an Omni `file:`, a `.talint.yaml` machine's patches and base, its
/// baseline — goes through `resolve`; paths typed on the command line do not.
public struct ProjectRoot: Sendable {
  /// The folder of the `.talint.yaml` the files follow, when one does.
  public var configFolder: String?
  /// The folders named on the command line (a file's folder for a file), absolute.
  public var lintedFolders: [String]

  /// `linted`: the paths the command line names.
  public init(configFolder: String? = nil, linted: [String] = []) {
    self.configFolder = configFolder.map(FilePath.absolute)
    lintedFolders = Self.folders(linted)
  }

  /// The absolute folders of paths: a folder itself, a file's folder.
  static func folders(_ paths: [String]) -> [String] {
    paths.map { FilePath.absolute(FilePath.isDirectory($0) ? $0 : FilePath.parent($0)) }
  }

  /// Where a reference leads.
  public enum Resolution: Sendable, Equatable {
    /// A regular file inside the root: the path to read (as joined, not as resolved, so the
    /// file keeps the name the project gives it).
    case file(String)
    /// The path (inside the root) names nothing.
    case missing(String)
    /// Not read: why, for a finding at the reference.
    case refused(String)
  }

  /// The root of a file or folder: an absolute folder and how a message names it.
  public func root(of path: String) -> (folder: String, name: String) {
    if let repository = ConfigDiscovery.repositoryRoot(of: path) { return (repository, "the repository") }
    let absolute = FilePath.absolute(path)
    if let configFolder, Self.contains(configFolder, absolute) { return (configFolder, "the project") }
    // The widest folder linted that holds the file: `talint lint talos/` lets a talconfig in
    // `talos/cluster/` name `../common/a.yaml`.
    if let linted = lintedFolders.filter({ Self.contains($0, absolute) }).min(by: { $0.utf8.count < $1.utf8.count }) {
      return (linted, "the folder linted")
    }
    return (FilePath.isDirectory(path) ? absolute : FilePath.parent(absolute), "the folder of \(FilePath.display(path))")
  }

  /// `written` (as the user wrote it: `@../x.yaml`, `patches/a.yaml`), naming `name` relative
  /// to the folder of `referrer`. Outside the referrer's root lexically, it is refused without
  /// a look at the file system (whether `/etc/x` exists is none of the output's business);
  /// inside, it must exist, resolve (symbolic links followed) to a path inside the root, and be
  /// a regular file.
  public func resolve(_ name: String, written: String, from referrer: String) -> Resolution {
    let path = FilePath.join(FilePath.parent(referrer), name)
    let root = root(of: referrer)
    let quoted = "'\(written)'"
    guard Self.contains(root.folder, FilePath.absolute(path)) else { return .refused("\(quoted) is outside \(root.name): not read") }
    var info = stat()
    guard lstat(path, &info) == 0 else { return .missing(path) }
    guard let real = Self.realPath(path), Self.contains(root: root.folder, real: real) else {
      return .refused("\(quoted) leads outside \(root.name) through a symbolic link: not read")
    }
    guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .refused("\(quoted) is not a regular file: not read") }
    return .file(path)
  }

  /// Why a directory walk of `folder` does not follow the symbolic link at `path` (it leads
  /// out of the root of `folder`, or nowhere), or nil when it may.
  public func linkRefusal(_ path: String, walking folder: String) -> String? {
    let root = root(of: folder)
    if let real = Self.realPath(path), Self.contains(root: root.folder, real: real) { return nil }
    return "\(FilePath.display(path)) leads outside \(root.name) through a symbolic link: not read"
  }

  /// True when the real path `real` lies in the folder `root` once its links are resolved. A
  /// real path below the root as written is below the root's real path too (none of its steps
  /// is a link), so the root's own is looked up only when that test fails: a project of 1,000
  /// references made 8,000 `readlink` calls with both looked up each time.
  static func contains(root: String, real: String) -> Bool {
    contains(root, real) || realPath(root).map { contains($0, real) } == true
  }

  /// The path with every symbolic link, `.` and `..` resolved, or nil when it names nothing.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// True when `path` is `folder` or lies below it (both absolute and normal).
  public static func contains(_ folder: String, _ path: String) -> Bool {
    folder == "/" || path == folder || path.hasPrefix(folder + "/")
  }
}
