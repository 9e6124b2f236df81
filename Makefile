# Installs talint without a Swift toolchain at run time: the Swift runtime is linked into the
# binary (--static-swift-stdlib), so it needs only libc and libyaml (Debian: libyaml-0-2).
#
#   make install                      # /usr/local/bin/talint and shell completions
#   make install PREFIX=$HOME/.local
#   make uninstall

PREFIX ?= /usr/local
DESTDIR ?=
SCRATCH ?= .build-static
SWIFT_BUILD = swift build -c release --static-swift-stdlib --scratch-path $(SCRATCH)

BINDIR = $(DESTDIR)$(PREFIX)/bin
BASH_COMPLETIONS = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSH_COMPLETIONS = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISH_COMPLETIONS = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.PHONY: build install uninstall

build:
	$(SWIFT_BUILD) --product talint

install: build
	install -d $(BINDIR) $(BASH_COMPLETIONS) $(ZSH_COMPLETIONS) $(FISH_COMPLETIONS)
	install -m 755 "$$($(SWIFT_BUILD) --show-bin-path)/talint" $(BINDIR)/talint
	$(BINDIR)/talint --generate-completion-script bash > $(BASH_COMPLETIONS)/talint
	$(BINDIR)/talint --generate-completion-script zsh > $(ZSH_COMPLETIONS)/_talint
	$(BINDIR)/talint --generate-completion-script fish > $(FISH_COMPLETIONS)/talint.fish

uninstall:
	rm -f $(BINDIR)/talint $(BASH_COMPLETIONS)/talint $(ZSH_COMPLETIONS)/_talint $(FISH_COMPLETIONS)/talint.fish
