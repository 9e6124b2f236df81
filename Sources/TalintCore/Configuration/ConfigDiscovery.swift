import Synchronization
/// Finds the `.talint.yaml` that applies to a path: the nearest one walking up from the
/// path's folder, stopping at the repository root (the folder that holds `.git`). Outside a
/// repository the walk goes no higher than the widest of the working directory and the folders
/// linted that holds the path (a path in none of them: its own folder), never on to `/`: a
/// configuration in a folder above the project is someone else's.
public final class ConfigDiscovery {
  public static let fileName = ".talint.yaml"
  private var cache: [String: String?] = [:]
  /// Answers by the path as given: a run asks for each file several times (exclusion,
  /// inclusion, its linter), and each answer costs a stat and path arithmetic.
  private var byPath: [String: String?] = [:]
  /// The folder searched last, as given, and its answer: a walk asks for the files of one
  /// folder in a row, and a folder's answer needs no absolute path or hashing.
  private var lastFolder: (folder: String, found: String?)?

  /// Absolute folders a walk stops at, widest first.
  private let boundaries: [String]

  /// `linted`: the folders (or files) the command line names.
  public init(linted: [String] = []) {
    let folders = [FilePath.workingDirectory] + ProjectRoot.folders(linted)
    boundaries = folders.filter { $0 != "/" }.sorted { $0.utf8.count < $1.utf8.count }
  }

  /// The config file for `path` (a file or a folder), or nil when none applies. `isDirectory`,
  /// when the caller knows it (a folder walk does), saves a stat.
  public func configPath(for path: String, isDirectory: Bool? = nil) -> String? {
    if let known = byPath[path] { return known }
    let found = search(from: path, isDirectory: isDirectory ?? FilePath.isDirectory(path))
    byPath[path] = found
    return found
  }

  private func search(from path: String, isDirectory: Bool) -> String? {
    let folder = isDirectory ? path : FilePath.parent(path)
    if let lastFolder, lastFolder.folder == folder { return lastFolder.found }
    let found = search(inFolder: folder)
    lastFolder = (folder, found)
    return found
  }

  private func search(inFolder folder: String) -> String? {
    var directory = FilePath.absolute(folder)
    let limit = boundaries.first { ProjectRoot.contains($0, directory) } ?? directory
    var visited: [String] = []
    var found: String?
    while true {
      if let cached = cache[directory] {
        found = cached
        break
      }
      visited.append(directory)
      let candidate = directory == "/" ? "/" + Self.fileName : directory + "/" + Self.fileName
      if FilePath.exists(candidate) {
        found = candidate
        break
      }
      if FilePath.exists(directory + "/.git") || directory == "/" { break }
      // At the boundary, the walk goes on only inside a repository (up to its root).
      if directory == limit && Self.repositoryRoot(of: directory) == nil { break }
      directory = FilePath.parent(directory)
    }
    for folder in visited { cache[folder] = found }
    return found
  }

  /// The repository root above `path` (the folder holding `.git`), if any. Asked for every
  /// reference a file makes and every file a machine names, so each folder's answer is kept
  /// for the run: a walk up to `/` per question was a tenth of a run's instructions.
  public static func repositoryRoot(of path: String) -> String? {
    let start = FilePath.absolute(FilePath.isDirectory(path) ? path : FilePath.parent(path))
    if let known = repositoryRoots.withLock({ $0[start] }) { return known }
    var directory = start
    var visited: [String] = []
    var found: String?
    while true {
      if let known = repositoryRoots.withLock({ $0[directory] }) {
        found = known
        break
      }
      visited.append(directory)
      if FilePath.exists(directory + "/.git") {
        found = directory
        break
      }
      if directory == "/" { break }
      directory = FilePath.parent(directory)
    }
    repositoryRoots.withLock { cache in for folder in visited { cache[folder] = .some(found) } }
    return found
  }

  /// Each folder asked about, with its repository root (nil inside: none).
  private static let repositoryRoots = Mutex<[String: String?]>([:])
}
