// The model is its own module (`WITModel`); whoever imports the front end gets it too.
@_exported import WITModel
