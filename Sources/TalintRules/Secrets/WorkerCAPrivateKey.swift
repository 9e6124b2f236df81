import TalintCore

/// A worker needs the CA certificates, never their keys: with a CA key anyone who compromises
/// the worker can mint admin credentials. Talos rejects the config
/// (docs/talos-facts.md#secret-material).
struct WorkerCAPrivateKey: Rule {
  static let description = RuleDescription(
    id: "TAL601", name: "worker-ca-private-key", severity: .error,
    summary: "a worker config carries a CA private key",
    rationale: """
      `talosctl gen config` gives workers `machine.ca.crt` and `cluster.ca.crt` with empty keys. A \
      non-empty `machine.ca.key` or `cluster.ca.key` on a worker fails Talos's validation, and a \
      `KubeAPIServerCAConfig.issuingCA.key` there (which Talos does not check) hands the Kubernetes CA \
      to every worker: whoever roots one node can issue cluster-admin certificates.
      """,
    remediation: "Remove the key from the worker config (keep only the certificate) and rotate the CA if the file was shared.",
    references: [.talos("v1alpha1 validation: worker CA keys"), .cis("1.2.24")],
    examples: [
      .triggering(
        """
        version: v1alpha1
        machine:
          type: worker
          ca:
            crt: LS0tLS1CRUdJTg==
            ↓key: LS0tLS1CRUdJTg==
        cluster:
          ca:
            crt: LS0tLS1CRUdJTg==
            key: ""
        """),
      .passing(
        """
        version: v1alpha1
        machine:
          type: worker
          ca:
            crt: LS0tLS1CRUdJTg==
            key: ""
        cluster:
          ca:
            crt: LS0tLS1CRUdJTg==
            key: ""
        """),
    ])

  /// Where the setting is written, as a trie built once (not an array per file).
  /// The CA private keys a config can hold.
  static let caKeys = ReadSlot([
    .v1alpha1(["machine", "ca", "key"]), .v1alpha1(["cluster", "ca", "key"]),
    .typed(.kubeAPIServerCAConfig, ["issuingCA", "key"]),
  ])
  static let reads = [caKeys]

  func check(_ context: inout RuleContext) {
    guard context.config.machineType == .worker else { return }
    let keys = context.values(Self.caKeys)
    for key in keys where !(key.string ?? "").isEmpty {
      context.report("\(key.keyPath) holds a CA private key in a worker config; workers need only the certificate — remove it", atKeyOf: key)
    }
  }
}
