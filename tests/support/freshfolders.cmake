# SPDX-License-Identifier: GPL-3.0-or-later
# Empties each test's home and runtime folder before a run (cmake -DFOLDERS=a;b -P this file).
# The runtime folder is the user's own and private, as XDG_RUNTIME_DIR must be.
foreach(folder IN LISTS FOLDERS)
  file(REMOVE_RECURSE "${folder}")
  file(MAKE_DIRECTORY "${folder}")
  file(CHMOD "${folder}" DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
endforeach()
