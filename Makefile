# moat — the two commands a new user needs:
#   make demo   install what is missing, build, analyze the bundled sample and write its reports to out/demo
#   make test   install what is missing, build, and run the whole test suite
BUILD ?= build
JOBS  ?= 2
CMAKE_FLAGS ?=

.PHONY: setup configure build demo test sanitize bench clean

setup:
	@bash scripts/setup.sh

configure: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) > /dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/moat check samples/clinic-booking.moat
	./$(BUILD)/moat build samples/clinic-booking.moat -o out/demo
	@echo "open out/demo/clinic-booking.report.html (auditor report), .svg (diagram), .worksheet.html (STRIDE worksheet)"


test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite again, built with AddressSanitizer and UBSan in build-asan (as CI does).
sanitize:
	@$(MAKE) --no-print-directory test BUILD=build-asan CMAKE_FLAGS="$(CMAKE_FLAGS) -DMOAT_SANITIZE=ON"

bench: build
	bash bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
