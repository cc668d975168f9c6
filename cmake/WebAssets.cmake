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

# mdpreview_add_page_bundles(<target>): the page's own bundles, built from npm packages with
# esbuild by resources/web/build.mjs and embedded under :/web/: MathJax (mathjax/math.js),
# starry-night (starry-night/highlight.js) and one script per grammar
# (starry-night/lang/<file>.js, named as in the package).
function(mdpreview_add_page_bundles target)
  find_program(MDPREVIEW_NODE node REQUIRED)
  set(lang "${MDPREVIEW_NODE_MODULES}/@wooorm/starry-night/lang")
  if(NOT EXISTS "${lang}" OR NOT EXISTS "${MDPREVIEW_NODE_MODULES}/esbuild")
    message(FATAL_ERROR "Missing starry-night or esbuild in ${MDPREVIEW_NODE_MODULES}: run "
                        "`npm ci` in ${PROJECT_SOURCE_DIR} (scripts/dev does it for you).")
  endif()
  set(source "${PROJECT_SOURCE_DIR}/resources/web")
  set(out "${CMAKE_CURRENT_BINARY_DIR}/web")
  file(GLOB grammars RELATIVE "${lang}" CONFIGURE_DEPENDS "${lang}/*.js")
  set(outputs "${out}/mathjax/math.js" "${out}/starry-night/highlight.js")
  foreach(grammar IN LISTS grammars)
    list(APPEND outputs "${out}/starry-night/lang/${grammar}")
  endforeach()
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND "${MDPREVIEW_NODE}" "${source}/build.mjs" "${MDPREVIEW_NODE_MODULES}" "${out}"
    DEPENDS "${source}/build.mjs" "${source}/highlight.mjs" "${source}/math.mjs"
            "${source}/oniguruma.mjs" "${PROJECT_SOURCE_DIR}/package-lock.json"
    COMMENT "Bundling MathJax and starry-night with esbuild"
    VERBATIM)
  qt_add_resources(${target} "${target}_page_bundles" PREFIX "/web" BASE "${out}"
                   FILES ${outputs})
endfunction()
