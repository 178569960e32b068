# For trying the fuzz targets before the top level adds them itself (scripts/fuzz.sh uses this
# only when the top-level CMakeLists.txt does not mention tests/fuzz):
#   cmake -DCMAKE_PROJECT_moat_INCLUDE=$PWD/tests/fuzz/wire.cmake ...
# It adds the flags MOAT_FUZZ would add and, once the top-level file has defined the libraries,
# includes tests/fuzz/CMakeLists.txt (deferred calls may not add subdirectories).
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR}
               CALL include ${CMAKE_SOURCE_DIR}/tests/fuzz/CMakeLists.txt)
