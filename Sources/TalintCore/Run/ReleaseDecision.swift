/// Where a run decides the release a file or machine is judged by, in one precedence
/// (`TalosRelease.resolve`): `lint`, `config`, `render`, `files` and the language server ask here.
extension LintSettings {
  /// The release a file or machine is judged against, with these settings.
  public func release(evidence: TalosRelease?, referrer: TalosRelease?) -> TalosRelease {
    TalosRelease.resolve(forced: forcedVersion, evidence: evidence, referrer: referrer, settings: release)
  }

  /// True when only the settings gave the release: a talconfig or template that names the
  /// file as a patch knows better.
  func releaseIsFallback(evidence: TalosRelease?, referrer: TalosRelease?) -> Bool {
    forcedVersion == nil && evidence == nil && referrer == nil
  }

  /// The release a machine is judged against: what its definition names (a talconfig's
  /// `talosVersion`), else the settings'.
  public func release(of machine: MachineDefinition) -> TalosRelease {
    release(evidence: machine.release, referrer: nil)
  }
}

extension Linter {
  /// The release a path is judged against, as `lint` judges it: for a file, what the file
  /// itself names (its installer image, `talosVersion`, a `talint: talos-version=` comment),
  /// else the release of the talconfig or template that names it as a patch (`referrer`).
  public func release(ofPath path: String, referrer: TalosRelease?) -> TalosRelease {
    let fallback = settings.release(evidence: nil, referrer: referrer)
    guard !FilePath.isDirectory(path), let bytes = try? InputFile.path(path).read() else { return fallback }
    return release(bytes: bytes, path: path, referrer: referrer) ?? fallback
  }
}
