import TalintCore

/// TLS versions as Kubernetes (`VersionTLS12`) and etcd (`TLS1.2`) spell them.
enum TLSVersions {
  private static let known = [
    "VersionTLS10": 10, "VersionTLS11": 11, "VersionTLS12": 12, "VersionTLS13": 13,
    "TLS1.0": 10, "TLS1.1": 11, "TLS1.2": 12, "TLS1.3": 13,
  ]

  /// 10 for TLS 1.0 … 13 for TLS 1.3; nil for an unknown spelling.
  static func rank(_ text: String) -> Int? { known[text.trimmingBlanks()] }
}
