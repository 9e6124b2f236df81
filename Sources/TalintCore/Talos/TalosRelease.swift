import TalintYAML

/// The Talos release a file is judged against, and where talint learned it. Precedence:
/// `--talos-version`; the file's own evidence (a `# talint: talos-version=1.12` comment, a
/// talconfig's `talosVersion`, an Omni `Cluster.talos.version`, the tag of the installer image);
/// the release of the talconfig or template that references the file; `.talint.yaml`; the
/// newest release talint knows (docs/carriers.md#which-release-a-file-targets).
public struct TalosRelease: Sendable, Equatable, CustomStringConvertible {
  /// The release whose defaults apply: the declared one, or the nearest release talint knows.
  public var version: TalosVersion
  /// The release the file names, which may be one talint does not know (an ancient 0.12 config
  /// is judged as 1.8, but its generator never wrote what 1.1 and later generate).
  public var declared: TalosVersion
  /// Where it came from, e.g. `machine.install.image at line 7`.
  public var source: String
  /// Where it is written, without the note on a release talint does not know.
  private var origin: String

  public init(_ version: TalosVersion, source: String) {
    let known = version.nearestKnown
    self.version = known
    self.declared = version
    self.origin = source
    self.source = known == version ? source : "\(source): Talos \(version), judged as \(known), the nearest release talint knows"
  }

  public var description: String { "\(version) (\(source))" }

  /// The release a file or machine is judged against, decided here only, so `config`, `lint`,
  /// `render`, the reports and the language server never disagree: `--talos-version`
  /// (`forced`); what the file or machine names itself (`evidence`); the release of the
  /// talconfig or Omni template that names the file as a patch (`referrer`); the project's
  /// `.talint.yaml`, else the newest release talint knows (`settings`).
  public static func resolve(forced: TalosVersion?, evidence: TalosRelease?, referrer: TalosRelease?, settings: TalosRelease) -> TalosRelease {
    forced.map { TalosRelease($0, source: "--talos-version") } ?? evidence ?? referrer ?? settings
  }

  /// This release as another file sees it (a patch the talconfig names, a machine it
  /// describes): the source names the file it is written in, `talosVersion at line 2 of
  /// talos/talconfig.yaml`, as a bare `talosVersion at line 2` would point into the patch.
  func written(in file: String) -> TalosRelease {
    TalosRelease(declared, source: "\(origin) of \(FilePath.display(file))")
  }

  /// Where an installer image (whose tag names the release) is written.
  static let installerImageLocations = SettingLocations([.v1alpha1(["machine", "install", "image"]), .typed(.unattendedInstallConfig, ["installer", "image"])])

  /// The release a file's own content names, if any.
  static func evidence(comments: [Comment]?, configs: [TalosConfig], carrier: TalosRelease?) -> TalosRelease? {
    if let comments {
      for comment in comments {
        guard let text = SuppressionComment.releaseDirective(comment.text) else { continue }
        if let version = TalosVersion(parsing: text) {
          return TalosRelease(version, source: "talint: talos-version comment at line \(comment.position.line)")
        }
      }
    }
    if let carrier { return carrier }
    let images = configs.flatMap { $0.find(Self.installerImageLocations) }
    for image in images {
      // As written: a templated path (`…/{{ schematic_id }}:v1.13.9`) still ends in a literal tag.
      guard let text = image.rawString, let version = installerVersion(text) else { continue }
      return TalosRelease(version, source: "\(image.keyPath) at line \(image.range.start.line)")
    }
    return nil
  }

  /// The release an installer image reference names by its tag:
  /// `ghcr.io/siderolabs/installer:v1.9.5`, `factory.talos.dev/metal-installer/<id>:v1.10.3`,
  /// `…/installer-secureboot/<id>:v1.11.0@sha256:…`. Nil for any other image or tag.
  public static func installerVersion(_ image: String) -> TalosVersion? {
    // Read as bytes: an image reference is ASCII, and reading it Character by Character cost
    // 60,000 instructions a reference (every file's install image is asked).
    var reference = Array(image.trimmingBlanks().utf8)[...]
    if let digest = reference.firstIndex(of: UInt8(ascii: "@")) { reference = reference[..<digest] }
    guard let colon = reference.lastIndex(of: UInt8(ascii: ":")), !reference[colon...].contains(UInt8(ascii: "/")) else { return nil }
    let isInstaller = reference[..<colon].split(separator: UInt8(ascii: "/")).contains { step in
      let name = String(decoding: step, as: UTF8.self)
      return name.hasSuffix("installer") || name.hasSuffix("installer-secureboot")
    }
    guard isInstaller else { return nil }
    let tag = reference[(colon + 1)...]
    guard let first = tag.first, first == UInt8(ascii: "v") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
    return TalosVersion(parsing: String(decoding: tag, as: UTF8.self))
  }
}
