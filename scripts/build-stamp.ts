/** The last step of `npm run build`: see scripts/build-inputs. */
import { writeBuildStamp } from "./build-inputs";

writeBuildStamp();
