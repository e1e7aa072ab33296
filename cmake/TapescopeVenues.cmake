# The venue list: tapescope_add_venue() builds one venue's folders and records it; tapescope_add_venue_list()
# then generates the C++ list of modules (venueModules()) that the app and the CLI walk.
#
# A venue NAME provides, by convention (docs/architecture.md, "Adding a venue"):
#   src/venues/NAME/CMakeLists.txt         targets tapescope_NAME_codec (pure) and tapescope_NAME (service),
#                                          and add_subdirectory(module)
#   src/venues/NAME/module/                target tapescope_NAME_module defining `const VenueModule &NAMEModule()`
#   src/emulator/NAME/                     target tapescope_emulator_NAME
#   tests/NAME/                            the venue's tests (added by tests/CMakeLists.txt)
#   tests/data/NAME/ws-server.jsonl        recorded server frames for the codec benchmark

function(tapescope_add_venue name)
  add_subdirectory(${name})
  add_subdirectory(${PROJECT_SOURCE_DIR}/src/emulator/${name} ${PROJECT_BINARY_DIR}/src/emulator/${name})
  set_property(GLOBAL APPEND PROPERTY TAPESCOPE_VENUES ${name})
endfunction()

# The names recorded by tapescope_add_venue(), in order, in `out`.
function(tapescope_venues out)
  get_property(names GLOBAL PROPERTY TAPESCOPE_VENUES)
  set(${out} ${names} PARENT_SCOPE)
endfunction()

function(tapescope_add_venue_list target)
  tapescope_venues(names)
  set(TAPESCOPE_VENUE_DECLARATIONS "")
  set(TAPESCOPE_VENUE_ENTRIES "")
  foreach(name IN LISTS names)
    string(APPEND TAPESCOPE_VENUE_DECLARATIONS "const VenueModule &${name}Module();\n")
    string(APPEND TAPESCOPE_VENUE_ENTRIES "        &${name}Module(),\n")
  endforeach()
  set(generated ${CMAKE_CURRENT_BINARY_DIR}/VenueList.cpp)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/VenueList.cpp.in ${generated} @ONLY)
  add_library(${target} STATIC ${generated} ${CMAKE_CURRENT_SOURCE_DIR}/VenueCatalog.cpp)
  tapescope_target_defaults(${target})
  foreach(name IN LISTS names)
    target_link_libraries(${target} PUBLIC tapescope_${name}_module)
  endforeach()
endfunction()
