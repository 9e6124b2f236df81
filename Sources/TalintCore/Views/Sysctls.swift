/// A sysctl a config sets, under its canonical dotted name.
public struct Sysctl: Sendable {
  /// `kernel.kptr_restrict`: `/` separators (sysctl.d style) are normalised to dots.
  public var name: String
  public var found: Found
  /// The network hardening entry this sysctl is (any interface), matched once here for the
  /// rules that ask.
  public var networkHardening: TalosDefaults.NetworkSysctl?
}

extension TalosConfig {
  /// Sysctls from `machine.sysctls` and `SysctlConfig.params` (FACTS.md §2, §4: the two are
  /// merged on the node, the document winning).
  static func readSysctls(_ index: DocumentIndex) -> [Sysctl] {
    [SettingLocation.v1alpha1(["machine", "sysctls"]), .typed("SysctlConfig", ["params"])].flatMap(index.find).flatMap { map in
      map.entries.map { entry in
        let name = Self.canonicalSysctlName(entry.name)
        return Sysctl(name: name, found: entry.value, networkHardening: TalosDefaults.networkHardening.first { $0.matches(name) })
      }
    }
  }

  /// `kernel/kptr_restrict` → `kernel.kptr_restrict` (most names have no `/`; keep those as they are).
  static func canonicalSysctlName(_ name: String) -> String {
    guard name.containsBytes("/") else { return name }
    return String(name.map { $0 == "/" ? "." : $0 })
  }
}
