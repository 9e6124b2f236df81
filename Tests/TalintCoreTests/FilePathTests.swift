import TalintCore
import Testing

/// Path arithmetic runs per finding, on a fast path for paths that need no normalising and a
/// byte-level one for those that do: both must give what `realpath` would for existing paths.
@Suite struct FilePathTests {
  @Test func absolutePathsAreNormalised() {
    #expect(FilePath.absolute("/a/b/c.yaml") == "/a/b/c.yaml")
    #expect(FilePath.absolute("/a/./b//c.yaml") == "/a/b/c.yaml")
    #expect(FilePath.absolute("/a/b/../c.yaml") == "/a/c.yaml")
    #expect(FilePath.absolute("/a/b/") == "/a/b")
    #expect(FilePath.absolute("/a/.../b") == "/a/.../b")
    #expect(FilePath.absolute("/a/.hidden/b") == "/a/.hidden/b")
    #expect(FilePath.absolute("/../..") == "/")
    #expect(FilePath.absolute("/") == "/")
    #expect(FilePath.absolute("/a/b/.") == "/a/b")
    #expect(FilePath.absolute("/./a") == "/a")
    #expect(FilePath.absolute("/../a") == "/a")
    #expect(FilePath.absolute("/a/b/..") == "/a")
  }

  @Test func relativePathsStartAtTheWorkingDirectory() {
    let here = FilePath.absolute(".")
    #expect(FilePath.absolute("x/y.yaml") == (here == "/" ? "/x/y.yaml" : here + "/x/y.yaml"))
    #expect(FilePath.absolute("./x/../y.yaml") == (here == "/" ? "/y.yaml" : here + "/y.yaml"))
    #expect(FilePath.absolute("..") == FilePath.parent(here))
  }

  @Test func relativeAndParent() {
    #expect(FilePath.relative("/r/talos/a.yaml", to: "/r/ci") == "../talos/a.yaml")
    #expect(FilePath.relative("/r/a.yaml", to: "/r") == "a.yaml")
    #expect(FilePath.parent("/a/b.yaml") == "/a")
    #expect(FilePath.parent("b.yaml") == ".")
    #expect(FilePath.parent("/b.yaml") == "/")
    #expect(FilePath.join("talos", "./patches/a.yaml") == "talos/patches/a.yaml")
  }

  /// `relative` compares steps as bytes: a step that merely starts like another is not shared.
  @Test func relativeStepsAreWholeSteps() {
    #expect(FilePath.relative("/r/talos", to: "/r/talos") == ".")
    #expect(FilePath.relative("/r", to: "/r/a/b") == "../..")
    #expect(FilePath.relative("/r/ab/c.yaml", to: "/r/a") == "../ab/c.yaml")
    #expect(FilePath.relative("/a.yaml", to: "/") == "a.yaml")
    #expect(FilePath.relative("/", to: "/x") == "..")
    #expect(FilePath.relative("/r/tälos/a.yaml", to: "/r/tälos/b") == "../a.yaml")
    #expect(FilePath.relative("/r//x/./a.yaml", to: "/r/x/") == "a.yaml")
  }

  /// `display` returns a path that is relative and normal as it is; any other is worked out.
  @Test func displayedPathsAreRelativeBelowTheWorkingDirectory() {
    let here = FilePath.absolute(".")
    #expect(FilePath.display("talos/a.yaml") == "talos/a.yaml")
    #expect(FilePath.display("./talos//a.yaml") == "talos/a.yaml")
    #expect(FilePath.display("talos/") == "talos")
    #expect(FilePath.display(".") == ".")
    #expect(FilePath.display(here + "/talos/a.yaml") == "talos/a.yaml")
    #expect(FilePath.display("../a.yaml") == FilePath.absolute("../a.yaml"))
    #expect(FilePath.display(here) == ".")
    #expect(FilePath.display(here + "/./a//b.yaml") == "a/b.yaml")
    // A sibling whose name starts with the working directory's is outside it.
    #expect(FilePath.display(here + "x/a.yaml") == here + "x/a.yaml")
  }

  /// `join` reads ASCII paths as bytes and others as Characters; both take the same steps.
  @Test func joinTakesDotStepsWhereItCan() {
    #expect(FilePath.join(".", "a.yaml") == "a.yaml")
    #expect(FilePath.join("talos", "/etc/a.yaml") == "/etc/a.yaml")
    #expect(FilePath.join("talos/nodes", "../patches//a.yaml") == "talos/patches/a.yaml")
    #expect(FilePath.join("talos", "../../a.yaml") == "../a.yaml")
    #expect(FilePath.join("..", "../a.yaml") == "../../a.yaml")
    #expect(FilePath.join("/r", "../../a.yaml") == "/../a.yaml")
    #expect(FilePath.join("talos", "..") == ".")
    #expect(FilePath.join("talos/", "./") == "talos")
    #expect(FilePath.join("tälos/nodes", "../a.yaml") == "tälos/a.yaml")
  }
}
