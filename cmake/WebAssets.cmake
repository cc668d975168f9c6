# SPDX-License-Identifier: GPL-3.0-or-later
# Browser-side libraries come from npm (package.json + package-lock.json, installed with
# `npm ci` by scripts/dev) and are embedded into the binary: nothing is fetched at run time.
set(MDPREVIEW_NODE_MODULES "${PROJECT_SOURCE_DIR}/node_modules" CACHE PATH
    "Folder holding the npm packages listed in package.json")

# mdpreview_add_web_assets(<target> <package>/<file> ...): embeds each file under
# :/web/<package>/<file>.
function(mdpreview_add_web_assets target)
  set(files)
  foreach(asset IN LISTS ARGN)
    set(path "${MDPREVIEW_NODE_MODULES}/${asset}")
    if(NOT EXISTS "${path}")
      message(FATAL_ERROR "Missing web asset ${path}: run `npm ci` in ${PROJECT_SOURCE_DIR} "
                          "(scripts/dev does it for you).")
    endif()
    set_source_files_properties("${path}" PROPERTIES QT_RESOURCE_ALIAS "${asset}")
    list(APPEND files "${path}")
  endforeach()
  qt_add_resources(${target} "${target}_web_assets" PREFIX "/web" FILES ${files})
endfunction()
