# moat — the two commands a new user needs:
#   make demo   install what is missing, build, analyze the bundled sample and write its reports to out/demo
#   make test   install what is missing, build, and run the whole test suite
# make vsix packages the VS Code extension (editors/vscode) into out/moat-VERSION.vsix.
# PRESET names a configure/build/test preset of CMakePresets.json: release (build/) or asan
# (build-asan/, AddressSanitizer and UBSan).
PRESET ?= release
BUILD := $(if $(filter asan,$(PRESET)),build-asan,build)
JOBS  ?= 2
CMAKE_FLAGS ?=

.PHONY: setup configure build build-moat demo test sanitize bench clean vsix

setup:
	@bash scripts/setup.sh

configure: setup
	@cmake --preset $(PRESET) $(CMAKE_FLAGS) > /dev/null

build: configure
	@cmake --build --preset $(PRESET) -j $(JOBS)

# Only the moat binary: what the demo needs (not the unit tests or the benchmark).
build-moat: configure
	@cmake --build --preset $(PRESET) -j $(JOBS) --target moat

# The sample's code locations and annotations live in samples/clinic-booking/, its code tree.
DEMO_FLAGS := --root samples/clinic-booking --scan

# The evidence sample's logs are from December 2026: judged as of then, so that the demo shows
# the same on any later day (a log more than 30 days old no longer counts as a scan).
EVIDENCE_DEMO_FLAGS := --root samples/evidence-demo --today 2026-12-06

demo: build-moat
	./$(BUILD)/moat check $(DEMO_FLAGS) samples/clinic-booking.moat
	./$(BUILD)/moat build $(DEMO_FLAGS) samples/clinic-booking.moat -o out/demo
	@echo "open out/demo/clinic-booking.report.html (auditor report), .report.pdf (the same, paginated), .svg (diagram), .worksheet.html (STRIDE worksheet)"
	@echo "its Evidence appendix quotes the lines cited, with each file's SHA-256 and git revision; out/demo/clinic-booking.evidence.json lists them (docs/evidence.schema.json)"
	./$(BUILD)/moat check $(EVIDENCE_DEMO_FLAGS) samples/evidence-demo.moat
	./$(BUILD)/moat build $(EVIDENCE_DEMO_FLAGS) samples/evidence-demo.moat -o out/demo
	@echo "open out/demo/evidence-demo.report.html: its Scanner evidence section shows the scans' results on the model;"
	@echo "the leaked key and the vulnerable lodash are threats of their own (payments.leaked_secret.aws_access_token, web.vulnerable_dependency.cve_2021_23337) that fail CC6.1 and CC7.1, citing the results"


test: build
	ctest --preset $(PRESET) -j $(JOBS)

# The whole suite again, built with AddressSanitizer and UBSan in build-asan (as CI does).
sanitize:
	@$(MAKE) --no-print-directory test PRESET=asan

# The VS Code extension, packaged offline with the tools and dependency the set-up installed.
VSIX_VERSION := $(shell sed -n 's/^  "version": "\(.*\)",$$/\1/p' editors/vscode/package.json)
vsix: setup
	@bash editors/vscode/tools/package.sh out/moat-$(VSIX_VERSION).vsix

bench: build
	bash bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
