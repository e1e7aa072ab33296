// The fuzz targets' main() when the build is not a libFuzzer build (TAPESCOPE_FUZZ=OFF, any compiler): runs
// LLVMFuzzerTestOneInput once on every file named, and on every file in every directory named, then exits 0. A
// crash or a broken invariant aborts, so a ctest over the committed inputs (fuzz/regressions/) replays every
// finding in the ordinary build. Arguments starting with '-' (libFuzzer options) are ignored.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

bool runFile(const std::filesystem::path &path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::fprintf(stderr, "cannot read %s\n", path.string().c_str());
        return false;
    }
    const std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    int files = 0;
    bool ok = true;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument.starts_with('-'))
            continue;
        const std::filesystem::path path(argument);
        std::error_code error;
        if (std::filesystem::is_directory(path, error)) {
            std::vector<std::filesystem::path> inputs;
            for (const auto &entry : std::filesystem::directory_iterator(path))
                if (entry.is_regular_file())
                    inputs.push_back(entry.path());
            std::sort(inputs.begin(), inputs.end());
            for (const auto &input : inputs) {
                ok = runFile(input) && ok;
                ++files;
            }
        } else {
            ok = runFile(path) && ok;
            ++files;
        }
    }
    std::printf("%s: %d inputs replayed\n", argc > 0 ? argv[0] : "fuzz", files);
    return ok ? 0 : 1;
}
