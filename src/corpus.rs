pub fn write(_d: &std::path::Path, _n: usize) -> Result<usize, std::io::Error> { Ok(0) }
pub fn bench(_p: &[usize], _r: usize) -> Result<(), std::io::Error> { Ok(()) }
