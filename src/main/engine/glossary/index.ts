// The glossary service: built-in terms merged with the organisation's own, and exchange files.
export { createGlossaryService, type GlossaryService } from './glossary-service';
export { builtinGlossary } from './builtin';
