#pragma once
// The reader's language of the report and the printed summary (`--lang`).

namespace maillage {

enum class Lang { en, fr };

}  // namespace maillage
