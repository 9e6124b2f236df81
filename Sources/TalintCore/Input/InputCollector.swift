#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Expands the paths a user gives into inputs: `-` is standard input, a directory is walked
/// for `*.yaml`/`*.yml` (hidden entries and symlinked directories skipped, so a link loop
/// cannot make the walk endless), any other path is linted as given.
public enum InputCollector {
  public static func collect(_ paths: [String], stdinName: String = "<stdin>") -> [InputFile] {
    var inputs: [InputFile] = []
    for path in paths {
      if path == "-" {
        inputs.append(.standardInput(name: stdinName))
      } else if isDirectory(path, followLinks: true) {
        walk(path, into: &inputs)
      } else {
        inputs.append(.path(path))
      }
    }
    var seen = Set<InputFile>()
    return inputs.filter { seen.insert($0).inserted }
  }

  private static func walk(_ directory: String, into inputs: inout [InputFile]) {
    guard let handle = opendir(directory) else {
      inputs.append(.path(directory))  // reported as unreadable when linted
      return
    }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name.hasPrefix(".") { continue }
      names.append(name)
    }
    closedir(handle)
    for name in names.sorted() {
      let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      if isDirectory(child, followLinks: false) {
        walk(child, into: &inputs)
      } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
        inputs.append(.path(child))
      }
    }
  }

  private static func isDirectory(_ path: String, followLinks: Bool) -> Bool {
    var info = stat()
    let status = followLinks ? stat(path, &info) : lstat(path, &info)
    return status == 0 && info.st_mode & S_IFMT == S_IFDIR
  }
}
