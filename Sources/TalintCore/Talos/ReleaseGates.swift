/// A change of Talos's defaults, or of what `talosctl gen config` writes, at a release: what a
/// rule's verdict turns on. Kept with the defaults (TalosDefaults builds its tables from the
/// same gates) so that a new release is one row of `ReleaseGate.introduced`, not a hunt
/// through rules.
public enum ReleaseGate: Sendable, CaseIterable {
  /// The generator writes `machine.features.rbac: true`.
  case rbacGenerated
  /// The generator writes the PodSecurity admission configuration.
  case podSecurityGenerated
  /// The generator writes `defaultRuntimeSeccompProfileEnabled: true`.
  case seccompDefaultGenerated
  /// `selinux=1` is on Talos's kernel command line.
  case selinux
  /// Talos API RBAC is locked on: `machine.features.rbac` is ignored.
  case rbacLockedOn
  /// `module.sig_enforce=1` is on the command line: unsigned modules do not load.
  case moduleSigning
  /// The KSPP sysctls Talos sets grew (kptr_restrict 2, the fs.protected_* family, …).
  case ksppSysctlsExtended
  /// `proc_mem.force_override=never` is on the command line.
  case procMemProtected
  /// `init_on_alloc=1` left the command line.
  case initOnAllocDropped
  /// SecureBoot images no longer add `lockdown=confidentiality`.
  case secureBootLockdownDropped
  /// kube-apiserver takes TLS 1.3, and Talos denies `tls-min-version` (its and etcd's).
  case tlsMinimumOwned
  /// etcd's `experimental-` flags lost their prefix (Talos sets and denies the new names).
  case etcdFlagsRenamed
  /// The generator writes `SecurityProfileConfig` with `workloadIsolation: true`.
  case workloadIsolationGenerated

  /// The gates by the release that brought them, oldest first: one row per release.
  public static let introduced: [(release: TalosVersion, gates: [ReleaseGate])] = [
    (TalosVersion(0, 11), [.rbacGenerated]),
    (TalosVersion(1, 1), [.podSecurityGenerated]),
    (TalosVersion(1, 2), [.seccompDefaultGenerated]),
    (TalosVersion(1, 10), [.selinux]),
    (TalosVersion(1, 12), [.rbacLockedOn, .moduleSigning, .ksppSysctlsExtended]),
    (TalosVersion(1, 13), [.procMemProtected]),
    (
      TalosVersion(1, 14),
      [.initOnAllocDropped, .secureBootLockdownDropped, .tlsMinimumOwned, .etcdFlagsRenamed, .workloadIsolationGenerated]
    ),
  ]

  /// The release that brought this gate.
  public var release: TalosVersion {
    Self.introduced.first { $0.gates.contains(self) }!.release
  }
}

extension TalosVersion {
  /// True when this release has passed `gate`.
  public func has(_ gate: ReleaseGate) -> Bool { self >= gate.release }
}
