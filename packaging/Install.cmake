# What `cmake --install` and the packages put where (GNUInstallDirs on Linux; a bundle on macOS; a folder on
# Windows). The app's translations are compiled into the executable (qt_add_translations, :/i18n), so no .qm
# file is installed; Qt's own translations come from the system (Linux) or the deploy step (Windows, macOS).
set(tapescope_app_id io.github.tapescope.Tapescope)

install(TARGETS tapescope
  BUNDLE DESTINATION .
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(APPLE)
  # The CLI travels inside the bundle, next to the app, and finds the same deployed Qt frameworks.
  set_target_properties(tapescope-cli PROPERTIES INSTALL_RPATH "@executable_path/../Frameworks")
  install(TARGETS tapescope-cli RUNTIME DESTINATION Tapescope.app/Contents/MacOS)
else()
  install(TARGETS tapescope-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

if(UNIX AND NOT APPLE)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/linux/${tapescope_app_id}.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/linux/${tapescope_app_id}.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/icons/hicolor
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)
endif()

# Windows and macOS packages carry their Qt: libraries, plugins and the QML modules the UI imports. Linux packages
# depend on the distribution's Qt instead (packaging/Packaging.cmake lists the QML modules).
if(WIN32 OR APPLE)
  if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
    qt_generate_deploy_qml_app_script(TARGET tapescope OUTPUT_SCRIPT tapescope_deploy_script)
  else()
    qt_generate_deploy_qml_app_script(TARGET tapescope FILENAME_VARIABLE tapescope_deploy_script)
  endif()
  install(SCRIPT ${tapescope_deploy_script})
endif()
