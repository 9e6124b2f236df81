/// A sysctl a config sets, under its canonical dotted name.
public struct Sysctl: Sendable {
  /// `kernel.kptr_restrict`: `/` separators (sysctl.d style) are normalised to dots.
  public var name: String
  public var found: Found
}

extension TalosConfig {
  /// Sysctls from `machine.sysctls` and `SysctlConfig.params` (FACTS.md §2, §4: the two are
  /// merged on the node, the document winning).
  static func readSysctls(_ index: DocumentIndex) -> [Sysctl] {
    [SettingLocation.v1alpha1(["machine", "sysctls"]), .typed("SysctlConfig", ["params"])].flatMap(index.find).flatMap { map in
      map.entries.map { entry in
        Sysctl(name: Self.canonicalSysctlName(entry.name), found: entry.value)
      }
    }
  }

  /// `kernel/kptr_restrict` → `kernel.kptr_restrict` (most names have no `/`; keep those as they are).
  static func canonicalSysctlName(_ name: String) -> String {
    guard name.utf8.contains(UInt8(ascii: "/")) else { return name }
    return String(name.map { $0 == "/" ? "." : $0 })
  }
}
