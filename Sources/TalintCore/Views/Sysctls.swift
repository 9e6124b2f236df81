/// A sysctl a config sets, under its canonical dotted name.
public struct Sysctl: Sendable {
  /// `kernel.kptr_restrict`: `/` separators (sysctl.d style) are normalised to dots.
  public var name: String
  public var found: Found
  /// Which network hardening entry this sysctl is (any interface), matched once here for the
  /// rules that ask; an index, so a million sysctls do not carry copies of the entry.
  let networkHardeningIndex: Int?

  public var networkHardening: TalosDefaults.NetworkSysctl? { networkHardeningIndex.map { TalosDefaults.networkHardening[$0] } }
}

extension TalosConfig {
  /// Sysctls from `machine.sysctls` and `SysctlConfig.params` (FACTS.md §2, §4: the two are
  /// merged on the node, the document winning).
  static func readSysctls(_ index: DocumentIndex) -> [Sysctl] {
    [SettingLocation.v1alpha1(["machine", "sysctls"]), .typed("SysctlConfig", ["params"])].flatMap(index.find).flatMap { map in
      map.entries.map { entry in
        let name = Self.canonicalSysctlName(entry.name)
        // Every network hardening sysctl is `net.ipv…`: most names are ruled out by that.
        let network = name.hasPrefix("net.ipv") ? TalosDefaults.networkHardening.firstIndex { $0.matches(name) } : nil
        return Sysctl(name: name, found: entry.value, networkHardeningIndex: network)
      }
    }
  }

  /// `kernel/kptr_restrict` → `kernel.kptr_restrict` (most names have no `/`; keep those as they are).
  static func canonicalSysctlName(_ name: String) -> String {
    guard name.containsBytes("/") else { return name }
    return String(name.map { $0 == "/" ? "." : $0 })
  }
}
