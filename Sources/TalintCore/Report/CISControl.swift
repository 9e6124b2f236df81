/// One control of the CIS Kubernetes Benchmark v1.10 as kube-bench's `cis-1.10` encodes it,
/// and how talint decides it from a machine's config. The whole table is `CISControls.all`;
/// docs/cis.md lists it control by control.
public struct CISControl: Sendable {
  /// The kube-bench target the control belongs to, which is also its JSON `node_type`.
  public enum Target: String, Sendable, CaseIterable {
    case master, etcd, controlplane, node, policies

    /// kube-bench's `id` and `text` for the target's group of sections.
    public var group: (id: String, text: String) {
      switch self {
      case .master: ("1", "Control Plane Security Configuration")
      case .etcd: ("2", "Etcd Node Configuration")
      case .controlplane: ("3", "Control Plane Configuration")
      case .node: ("4", "Worker Node Security Configuration")
      case .policies: ("5", "Kubernetes Policies")
      }
    }

    /// True for the targets kube-bench runs only on control-plane nodes. Policies are the
    /// cluster's: a machine config sets them where the API server runs.
    public var controlPlaneOnly: Bool { self != .node }
  }

  public var id: String
  public var title: String
  public var target: Target
  /// The title says "(Automated)".
  public var automated: Bool
  /// kube-bench's `scored`: a failing test of a scored control is FAIL, of any other WARN.
  public var scored: Bool
  public var check: CISCheck
  public var remediation: String

  /// The section the control is listed under (`1.2` for `1.2.15`; etcd's controls are all `2`).
  public var section: String {
    let parts = id.split(separator: ".")
    return parts.count > 2 ? parts.prefix(2).joined(separator: ".") : String(parts[0])
  }
}

/// How a control is decided from a config.
public enum CISCheck: Sendable {
  /// kube-bench stats a file on the node: nothing a config shows (NOT APPLICABLE).
  case filePermissions
  /// kube-bench queries cluster objects (RBAC, service accounts): runtime state (NOT APPLICABLE).
  case clusterState
  /// kube-bench has no test; a person checks (MANUAL).
  case noTest
  /// A flag (and, for the kubelet, the config-file key read when the flag is absent).
  case flag(CISFlag)
  /// kube-apiserver anonymous authentication: a flag on the legacy config, an authentication
  /// configuration in `KubeAuthenticationConfig`.
  case apiServerAnonymous
  /// The API server's authorizers against a test of `--authorization-mode`.
  case authorizers(CISFlag.Test)
  /// The first encryption provider for secrets at rest.
  case encryptionProvider
  /// Pod Security Admission configured at all.
  case podSecurityConfigured
  /// Pod Security Admission enforcing at least this level (`baseline` or `restricted`).
  case podSecurityEnforces(String)
  /// The kubelet's authorization mode, which Talos forces unless node registration is skipped.
  case kubeletAuthorization
  /// kube-proxy's metrics address, when kube-proxy runs at all.
  case kubeProxyMetrics
}

/// A flag test as kube-bench writes it, with Talos's own value for the flag.
public struct CISFlag: Sendable {
  public indirect enum Test: Sendable {
    case present
    case absent
    /// Equal, ignoring case (kube-bench compares booleans that way).
    case equals(String)
    /// One of the comma-separated items is this one.
    case hasItem(String)
    /// No comma-separated item is this one.
    case lacksItem(String)
    /// No item contains this text (kube-bench's substring test, `RotateKubeletServerCertificate=false`).
    case lacks(String)
    case atLeast(Int)
    /// Every comma-separated item is in the list.
    case allIn([String])
    /// Not the text `0` nor a zero duration.
    case nonZeroDuration
    /// Passes when the flag is absent, else as the test.
    case unsetOr(Test)
  }

  public var component: Component
  public var name: String
  /// The kubelet configuration key kube-bench reads when the flag is absent.
  public var configKey: [String]?
  public var test: Test
  public var talos: TalosSetting
  /// Talos appends a user's value to its own (`enable-admission-plugins`).
  public var additive: Bool

  public init(_ component: Component, _ name: String, key: [String]? = nil, _ test: Test, talos: TalosSetting, additive: Bool = false) {
    self.component = component
    self.name = name
    self.configKey = key
    self.test = test
    self.talos = talos
    self.additive = additive
  }
}

/// What Talos itself passes for a flag, by release.
public indirect enum TalosSetting: Sendable {
  /// Talos passes nothing.
  case unset
  /// A default a config may change.
  case value(String)
  /// Talos sets it and refuses (or ignores) a user's value: "enforced by Talos".
  case enforced(String)
  /// From each release on (ascending), the setting.
  case since([(TalosVersion, TalosSetting)])

  /// The setting on `release`.
  public func on(_ release: TalosVersion) -> TalosSetting {
    guard case .since(let steps) = self else { return self }
    return steps.last { $0.0 <= release }?.1.on(release) ?? .unset
  }
}
