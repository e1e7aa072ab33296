# CPack: the packages for the platform the build runs on (`scripts/tapescope-dev.sh package` builds them):
#   Linux   DEB, RPM, TGZ      (depend on the distribution's Qt 6.4+; binaries stripped)
#   Windows NSIS installer, ZIP (Qt deployed into the folder by packaging/Install.cmake)
#   macOS   DragNDrop DMG with Tapescope.app (Qt deployed into the bundle)
set(CPACK_PACKAGE_NAME "tapescope")
set(CPACK_PACKAGE_VENDOR "Tapescope")
set(CPACK_PACKAGE_CONTACT "Tapescope maintainers <maintainers@tapescope.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Trading monitor for crypto, prediction and stock markets")
set(CPACK_PACKAGE_DESCRIPTION
    "Tapescope is a native desktop trading monitor. It connects to Hyperliquid, O2, Kalshi, Alpaca and FIML and shows live order-book ladders, trade tapes, candle charts, the trader's own orders, fills, positions and balances, and an NFL win-probability panel. It includes tapescope-cli, which prints the same feeds as JSON lines.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/tapescope/tapescope")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Tapescope")
set(CPACK_PACKAGE_ICON "${PROJECT_SOURCE_DIR}/resources/icons/tapescope.ico")
# RelWithDebInfo is the default build: the packages carry stripped binaries (debug info stays in the build tree).
set(CPACK_STRIP_FILES TRUE)
set(CPACK_PACKAGE_EXECUTABLES "tapescope;Tapescope")

if(WIN32)
  set(CPACK_GENERATOR "NSIS;ZIP")
  set(CPACK_NSIS_PACKAGE_NAME "Tapescope")
  set(CPACK_NSIS_DISPLAY_NAME "Tapescope ${PROJECT_VERSION}")
  set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/resources/icons/tapescope.ico")
  set(CPACK_NSIS_MUI_UNIICON "${PROJECT_SOURCE_DIR}/resources/icons/tapescope.ico")
  set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\tapescope.exe")
  set(CPACK_NSIS_URL_INFO_ABOUT "${CPACK_PACKAGE_HOMEPAGE_URL}")
  # The options page offers the optional desktop shortcut (and adding bin\ to PATH, for tapescope-cli); the Start
  # menu entry comes from CPACK_PACKAGE_EXECUTABLES. The uninstaller removes the files, the shortcuts and its
  # registry keys; an older version is uninstalled before a newer one installs.
  set(CPACK_NSIS_MODIFY_PATH ON)
  set(CPACK_CREATE_DESKTOP_LINKS "tapescope")
  set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
elseif(APPLE)
  set(CPACK_GENERATOR "DragNDrop")
  set(CPACK_DMG_VOLUME_NAME "Tapescope")
  set(CPACK_DMG_FORMAT "UDZO")
  set(CPACK_PACKAGE_ICON "${PROJECT_SOURCE_DIR}/resources/icons/tapescope.icns")
else()
  set(CPACK_GENERATOR "DEB;RPM;TGZ")
  # DEB: shared libraries found by dpkg-shlibdeps; the QML modules the UI imports (qml/: QtQuick, QtQuick.Controls,
  # QtQuick.Layouts, QtQuick.Dialogs, QtCharts, and what they load: Window, Templates, WorkerScript, Models) and the
  # platform plugins (xcb, wayland, offscreen) are not libraries the binary links, so they are named here.
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "qml6-module-qtquick, qml6-module-qtquick-controls, qml6-module-qtquick-layouts, qml6-module-qtquick-window, qml6-module-qtquick-dialogs, qml6-module-qtquick-templates, qml6-module-qtqml-workerscript, qml6-module-qtqml-models, qml6-module-qtcharts, qt6-qpa-plugins")
  # Qt's own words (file dialog) in the UI's language; a CJK font for the Japanese UI (without one its text is boxes).
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, fonts-noto-cjk")
  # RPM (Fedora's package names): libraries by rpm's automatic requirements, the QML modules by package.
  set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
  set(CPACK_RPM_PACKAGE_LICENSE "GPL-3.0-or-later")
  set(CPACK_RPM_PACKAGE_GROUP "Applications/Productivity")
  set(CPACK_RPM_PACKAGE_AUTOREQ ON)
  set(CPACK_RPM_PACKAGE_REQUIRES "qt6-qtdeclarative, qt6-qtcharts, qt6-qtwebsockets, qt6-qtbase-gui")
  # The package owns its files, not the shared directories they go into.
  set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
      /usr/share/applications /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor)
  foreach(dir 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512 scalable)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION /usr/share/icons/hicolor/${dir}
         /usr/share/icons/hicolor/${dir}/apps)
  endforeach()
endif()
include(CPack)
