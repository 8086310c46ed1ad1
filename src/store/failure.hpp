// What failures of SQLite and of the file system under the store mean to a user. Private to
// src/store/: everything above the store sees only the Errors made here.
#pragma once

#include "complain/error.hpp"

#include <exception>
#include <filesystem>
#include <optional>
#include <string_view>

namespace complain {

bool disk_full(int err);
bool denied(int err);

// A failed system call on the store's files or folder, as what it means to the user.
Error file_error(int err, const std::filesystem::path& path, std::string_view doing);

// The Error that a failure of the store's SQLite library (or its file system) means to a user:
// busy (5), damaged (6), disk full (74), permission denied (77), ...; `system_errno` is the
// operating system's error behind it, 0 when unknown. Other exceptions give nullopt.
std::optional<Error> store_failure(const std::exception& e, const std::filesystem::path& store,
                                   int system_errno);

} // namespace complain
