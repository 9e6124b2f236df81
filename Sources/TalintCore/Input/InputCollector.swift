#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Expands the paths a user gives into inputs: `-` is standard input, a directory is walked
/// for `*.yaml`/`*.yml`, templates of them and what `include` adds (hidden entries such as `.git` and symlinked directories skipped, so a
/// link loop cannot make the walk endless; a link to a file is followed only when it leads
/// inside the walked folder's repository, or the folder; inside a git work tree `.gitignore` is honoured;
/// `isExcluded` drops what the project excludes), any other path is linted as given — even
/// when excluded, as pre-commit passes explicit paths, unless `forceExclude` is set.
public struct InputCollector {
  public var stdinName = "<stdin>"
  public var forceExclude = false
  public var respectGitignore = true
  /// True for a path the project configuration excludes (given whether it is a directory, which
  /// a walk knows: finding a path's configuration would stat it again).
  public var isExcluded: (_ path: String, _ isDirectory: Bool) -> Bool = { _, _ in false }
  /// True for a path the project configuration adds to walks (`include` globs).
  public var isIncluded: (_ path: String, _ isDirectory: Bool) -> Bool = { _, _ in false }

  public init() {}

  /// What the paths expand to, and the directories that held nothing to lint (a wrong path
  /// in CI must not pass silently).
  public struct Collected: Sendable {
    public var inputs: [InputFile] = []
    public var emptyDirectories: [String] = []
    /// Symbolic links a walk did not follow because they lead out of its project: why, each.
    public var linksOutside: [String] = []
  }

  public func collect(_ paths: [String]) -> Collected {
    var collected = Collected()
    var ignoredByRoot: [String: GitIgnored] = [:]
    for path in paths {
      if path == "-" {
        collected.inputs.append(.standardInput(name: stdinName))
      } else if Self.isDirectory(path, followLinks: true) {
        var walked: [String] = []
        walk(path, into: &walked, from: path, linksOutside: &collected.linksOutside)
        let files = withoutGitIgnored(walked, under: path, cache: &ignoredByRoot)
        if files.isEmpty { collected.emptyDirectories.append(path) }
        collected.inputs += files.map(InputFile.path)
      } else if !(forceExclude && isExcluded(path, false)) {
        collected.inputs.append(.path(path))
      }
    }
    var seen = Set<InputFile>()
    collected.inputs = collected.inputs.filter { seen.insert($0).inserted }
    return collected
  }

  private func walk(_ directory: String, into files: inout [String], from top: String, linksOutside: inout [String]) {
    guard let handle = opendir(directory) else {
      files.append(directory)  // reported as unreadable when linted
      return
    }
    var entries: [(name: String, kind: UInt8)] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name.hasPrefix(".") { continue }
      entries.append((name, entry.pointee.d_type))
    }
    closedir(handle)
    for (name, kind) in entries.sorted(by: { $0.name < $1.name }) {
      let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      let isDirectory = Self.isDirectory(child, kind: kind)
      if isExcluded(child, isDirectory) { continue }
      if isDirectory {
        walk(child, into: &files, from: top, linksOutside: &linksOutside)
      } else if Self.isLintable(name) || isIncluded(child, false) {
        // A link the project holds may lead anywhere (`/proc/self/environ`): followed only
        // when it leads inside the project.
        if Self.isLink(child, kind: kind), let refusal = ProjectRoot().linkRefusal(child, walking: top) {
          linksOutside.append(refusal)
          continue
        }
        files.append(child)
      }
    }
  }

  /// Whether a directory entry is a directory (a link to one is not), from the kind `readdir`
  /// gives — no `lstat` per entry — unless the file system leaves it unknown.
  private static func isDirectory(_ path: String, kind: UInt8) -> Bool {
    kind == UInt8(DT_UNKNOWN) ? isDirectory(path, followLinks: false) : kind == UInt8(DT_DIR)
  }

  /// Whether a directory entry is a symbolic link, from the kind `readdir` gives.
  private static func isLink(_ path: String, kind: UInt8) -> Bool {
    guard kind == UInt8(DT_UNKNOWN) else { return kind == UInt8(DT_LNK) }
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
  }

  /// Drops what git ignores; git is asked once per repository root in a run.
  private func withoutGitIgnored(_ files: [String], under directory: String, cache: inout [String: GitIgnored]) -> [String] {
    guard respectGitignore, !files.isEmpty, let root = ConfigDiscovery.repositoryRoot(of: directory) else { return files }
    let ignored = cache[root] ?? GitIgnored(root: root)
    cache[root] = ignored
    return files.filter { !ignored.contains(FilePath.absolute($0)) }
  }

  /// YAML files and the templates that render YAML (`*.yaml.j2`, `*.tpl`, `*.tmpl`, …).
  public static func isLintable(_ name: String) -> Bool {
    name.hasSuffix(".yaml") || name.hasSuffix(".yml") || TemplateMasking.rendersYAML(name)
  }

  static func isDirectory(_ path: String, followLinks: Bool) -> Bool {
    var info = stat()
    let status = followLinks ? stat(path, &info) : lstat(path, &info)
    return status == 0 && info.st_mode & S_IFMT == S_IFDIR
  }
}
